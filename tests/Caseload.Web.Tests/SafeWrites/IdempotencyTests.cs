using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Caseload.Web.Data;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Caseload.Web.Tests.SafeWrites;

/// <summary>
/// Issue 12, finding 5: <c>Idempotency-Key</c> on <c>POST /api/v1/appointments</c> and <c>/payments</c>, and the one key
/// each booking and payment form render carries. A repeat answers the first response and writes nothing.
/// </summary>
public abstract class IdempotencyTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Keyed(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private async Task<(BilledClient Client, AppointmentPayload Booking)> ClientToBookAsync()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        return (client, client.Session(BillingApi.At(app, 7)));
    }

    private static async Task<JsonElement[]> AppointmentsOfAsync(BilledClient client, CaseloadApp app) =>
        [.. (await client.Http.ArrayAsync($"/api/v1/appointments?from={BillingApi.Day(app, 7)}&to={BillingApi.Day(app, 8)}&clinicianId={client.ClinicianId}"))];

    [Fact]
    public async Task BookingTwice_WithTheSameKey_AnswersTheFirstResponseAgain_AndBooksOnce()
    {
        var (client, booking) = await ClientToBookAsync();
        var key = NewKey();

        var first = await client.Http.SendAsync(Keyed("/api/v1/appointments", booking, key), Ct);
        var second = await client.Http.SendAsync(Keyed("/api/v1/appointments", booking, key), Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Single(await AppointmentsOfAsync(client, app));
    }

    [Fact]
    public async Task BookingAgain_WithTheSameKeyAndAnotherBody_Is422IdempotencyKeyReused()
    {
        var (client, booking) = await ClientToBookAsync();
        var key = NewKey();
        await (await client.Http.SendAsync(Keyed("/api/v1/appointments", booking, key), Ct)).AssertSuccessAsync();

        var other = await client.Http.SendAsync(Keyed("/api/v1/appointments", booking with { Location = "Room 9" }, key), Ct);

        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Single(await AppointmentsOfAsync(client, app));
    }

    [Fact]
    public async Task BookingAgain_WithTheSameKeyAfter24Hours_BooksAgain()
    {
        var (client, booking) = await ClientToBookAsync();
        var key = NewKey();
        await (await client.Http.SendAsync(Keyed("/api/v1/appointments", booking, key), Ct)).AssertSuccessAsync();

        app.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        using var signedInAgain = await app.SignInAsync(client.Clinician.Email);

        var again = await signedInAgain.SendAsync(Keyed("/api/v1/appointments", booking with { Start = BillingApi.At(app, 7) }, key), Ct);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task ARepeat_WhoseFirstRequestDiedUnanswered_Is409AtOnce_AndDoesNotRunAgain()
    {
        var (client, booking) = await ClientToBookAsync();
        var key = NewKey();
        var json = JsonSerializer.Serialize(booking, JsonSerializerOptions.Web);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("POST /api/v1/appointments\n" + json)));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
            var userId = await db.Users.Where(u => u.Email == client.Clinician.Email).Select(u => u.Id).SingleAsync(Ct);
            db.IdempotentRequests.Add(new IdempotentRequest { UserId = userId, Key = key, RequestHash = hash, CreatedAt = Instant.FromDateTimeOffset(app.Time.GetUtcNow()) });
            await db.SaveChangesAsync(Ct);
        }

        app.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var repeat = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        repeat.Headers.Add("Idempotency-Key", key);
        var answer = await client.Http.SendAsync(repeat, Ct);

        var problem = await answer.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Contains("stopped without an answer", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Empty(await AppointmentsOfAsync(client, app));
    }

    [Fact]
    public async Task TheSameKey_FromAnotherUser_IsAKeyOfTheirOwn()
    {
        var (client, booking) = await ClientToBookAsync();
        var key = NewKey();
        await (await client.Http.SendAsync(Keyed("/api/v1/appointments", booking, key), Ct)).AssertSuccessAsync();
        var admin = await app.AdminAsync();

        var theirs = await admin.SendAsync(Keyed("/api/v1/appointments", booking with { Start = BillingApi.At(app, 8) }, key), Ct);

        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.Equal(2, (await AppointmentsOfAsync(client, app)).Length);
    }

    /// <summary>Sends <paramref name="count"/> copies of one keyed request at the same moment.</summary>
    private static async Task<HttpResponseMessage[]> AllAtOnceAsync(HttpClient http, string path, object body, string key, int count)
    {
        using var start = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, count).Select(async _ =>
        {
            await start.WaitAsync(Ct);
            return await http.SendAsync(Keyed(path, body, key), Ct);
        }).ToList();
        start.Release(count);
        return await Task.WhenAll(sends);
    }

    /// <summary>
    /// The pinned contract: a repeat answers the first response again. One answer is the first's own (no
    /// <c>Idempotent-Replayed</c>); every other is its replay (same status, body and Location), or 409
    /// <c>conflict</c>, the answer only for a repeat whose first request runs longer than a repeat waits.
    /// </summary>
    private static async Task AssertTheFirstAndItsReplaysAsync(HttpResponseMessage[] answers, HttpStatusCode status)
    {
        var first = Assert.Single(answers, a => !a.Headers.Contains("Idempotent-Replayed") && a.StatusCode != HttpStatusCode.Conflict);
        Assert.Equal(status, first.StatusCode);
        var body = await first.Content.ReadAsStringAsync(Ct);
        foreach (var other in answers.Where(a => a != first))
        {
            if (other.StatusCode == HttpStatusCode.Conflict)
            {
                await other.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
                continue;
            }

            Assert.Equal((status, "true"), (other.StatusCode, string.Join(",", other.Headers.GetValues("Idempotent-Replayed"))));
            Assert.Equal(body, await other.Content.ReadAsStringAsync(Ct));
            Assert.Equal(first.Headers.Location, other.Headers.Location);
        }
    }

    [Fact]
    public async Task TwentyIdenticalBookingsAtOnce_BookOnce_AndEachAnswersTheFirstResponse()
    {
        var (client, booking) = await ClientToBookAsync();

        var answers = await AllAtOnceAsync(client.Http, "/api/v1/appointments", booking, NewKey(), 20);

        Assert.Single(await AppointmentsOfAsync(client, app));
        await AssertTheFirstAndItsReplaysAsync(answers, HttpStatusCode.Created);
        Assert.DoesNotContain(answers, a => a.StatusCode == HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TenIdenticalPaymentsAtOnce_TakeOnePayment_AndEachAnswersTheFirstResponse()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        await client.Http.BookOneAsync(client.Session(BillingApi.At(app, 0, hour: 9)));
        var invoice = Assert.Single(await client.Http.InvoicesAsync(client.ClientId));
        var admin = await app.AdminAsync();
        var payment = new { invoiceId = invoice.Text("id"), amount = 10.00m, method = "cash" };

        var answers = await AllAtOnceAsync(admin, "/api/v1/payments", payment, NewKey(), 10);

        Assert.Single((await admin.LedgerAsync(client.ClientId)).GetProperty("payments").EnumerateArray());
        await AssertTheFirstAndItsReplaysAsync(answers, HttpStatusCode.Created);
        Assert.DoesNotContain(answers, a => a.StatusCode == HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PayingTwice_WithTheSameKey_TakesOnePayment()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        await client.Http.BookOneAsync(client.Session(BillingApi.At(app, 0, hour: 9)));
        var invoice = Assert.Single(await client.Http.InvoicesAsync(client.ClientId));
        var admin = await app.AdminAsync();
        var key = NewKey();
        var payment = new { invoiceId = invoice.Text("id"), amount = 10.00m, method = "cash" };

        var first = await admin.SendAsync(Keyed("/api/v1/payments", payment, key), Ct);
        var second = await admin.SendAsync(Keyed("/api/v1/payments", payment, key), Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Single((await admin.LedgerAsync(client.ClientId)).GetProperty("payments").EnumerateArray());
    }

    [Fact]
    public async Task TheBookingForm_SubmittedTwice_BooksOnce()
    {
        var (client, _) = await ClientToBookAsync();
        var form = await PageForms.BookingFormAsync(client, BillingApi.Day(app, 7));

        var first = await client.Http.PostAsync("/Appointments/New", new FormUrlEncodedContent(form), Ct);
        var second = await client.Http.PostAsync("/Appointments/New", new FormUrlEncodedContent(form), Ct);

        Assert.True(first.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)first.StatusCode}");
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Single(await AppointmentsOfAsync(client, app));
    }
}

public sealed class IdempotencySqliteTests(SqliteApp app) : IdempotencyTests(app), IClassFixture<SqliteApp>;

public sealed class IdempotencyPostgresTests(PostgresApp app) : IdempotencyTests(app), IClassFixture<PostgresApp>;
