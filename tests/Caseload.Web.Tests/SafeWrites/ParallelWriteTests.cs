using System.Net;
using System.Text.Json;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.SafeWrites;

/// <summary>
/// Issue 12, finding 4: a write that loses a race answers 409 <c>conflict</c> (or the rule's own refusal),
/// never 500, and the data stays as one write left it.
/// </summary>
public abstract class ParallelWriteTests(CaseloadApp app)
{
    private const int Parallel = 20;

    private static readonly HttpStatusCode[] Allowed = [HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.Conflict];

    private static async Task<HttpResponseMessage[]> AllAtOnceAsync(Func<Task<HttpResponseMessage>> send)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, Parallel).Select(async _ =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            return await send();
        }).ToList();
        start.Release(Parallel);
        return await Task.WhenAll(tasks);
    }

    /// <summary>Every answer is a success or a 409 problem: <c>conflict</c> for a lost race, or the rule the loser met once the winner had saved.</summary>
    private static async Task AssertNoServerErrorAsync(HttpResponseMessage[] answers, string rule)
    {
        foreach (var answer in answers)
        {
            var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(Allowed.Contains(answer.StatusCode), $"{(int)answer.StatusCode}: {body}");
            if (answer.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                Assert.Contains(JsonDocument.Parse(body).RootElement.GetProperty("code").GetString(), new[] { "conflict", rule });
            }
        }
    }

    [Fact]
    public async Task MarkMissed_TwentyTimesAtOnce_AnswersOnlySuccessOr409_AndMarksOnce()
    {
        var session = await app.BookedAsync(SessionDay.Today);

        var answers = await AllAtOnceAsync(() => session.Http.MarkMissedAsync(session.Id, session.Alice, "No-show", 25m));

        await AssertNoServerErrorAsync(answers, "already-missed");
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Alice));
        Assert.Single(await session.Http.InvoicesOfAsync(session.Id), i => i.Text("clientId") == session.Alice && i.Text("kind") == "missed" && i.Text("status") == "open");
    }

    [Fact]
    public async Task UndoMissed_TwentyTimesAtOnce_AnswersOnlySuccessOr409_AndUndoesOnce()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 25m });

        var answers = await AllAtOnceAsync(() => session.Http.UndoMissedAsync(session.Id, session.Alice));

        await AssertNoServerErrorAsync(answers, "not-missed");
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
        Assert.Single(await session.Http.InvoicesOfAsync(session.Id), i => i.Text("clientId") == session.Alice && i.Text("kind") == "service" && i.Text("status") == "open");
    }
}

public sealed class ParallelWriteSqliteTests(SqliteApp app) : ParallelWriteTests(app), IClassFixture<SqliteApp>;

public sealed class ParallelWritePostgresTests(PostgresApp app) : ParallelWriteTests(app), IClassFixture<PostgresApp>;
