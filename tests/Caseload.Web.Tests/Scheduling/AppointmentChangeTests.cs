using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Scheduling.SchedulingApi;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>Rule 4 (occurrences editable one by one) and optimistic concurrency: PATCH, If-Match, ETag and cancel.</summary>
public abstract class AppointmentChangeTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PatchAsync(HttpClient http, string id, object patch, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/appointments/{id}") { Content = JsonContent.Create(patch) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return http.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> PatchedAsync(HttpClient http, string id, object patch, string? ifMatch = null)
    {
        var response = await PatchAsync(http, id, patch, ifMatch);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<EntityTagHeaderValue> ETagOfAsync(HttpClient http, string id)
    {
        var response = await http.GetAsync($"/api/v1/appointments/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!;
    }

    private async Task<(GroupSetup Setup, JsonElement[] Series)> WeeklySeriesAsync(int count, string start = NextTuesdayAt10)
    {
        var setup = await app.ClinicianWithGroupAsync();
        var series = (await setup.Http.BookAsync(setup.Session(start) with { Recurrence = RecurrencePayload.Weekly(count) })).Appointments();
        return (setup, series);
    }

    private static async Task<string[]> StartsAsync(GroupSetup setup, IEnumerable<JsonElement> series)
    {
        var starts = new List<string>();
        foreach (var occurrence in series)
        {
            starts.Add((await setup.Http.AppointmentAsync(occurrence.Id())).Text("start"));
        }

        return [.. starts];
    }

    [Fact]
    public async Task Patch_MovingOneOccurrence_MovesOnlyThatOne_Rule4()
    {
        var (setup, series) = await WeeklySeriesAsync(3);

        var moved = await PatchedAsync(setup.Http, series[1].Id(), new { start = "2026-12-15T11:00:00-05:00" });

        Assert.Equal("2026-12-15T11:00:00-05:00", moved.Text("start"));
        Assert.Equal("2026-12-15T11:50:00-05:00", moved.Text("end"));
        Assert.Equal(
            ["2026-12-08T10:00:00-05:00", "2026-12-15T11:00:00-05:00", "2026-12-22T10:00:00-05:00"],
            await StartsAsync(setup, series));
        Assert.Equal(series[1].Text("seriesId"), moved.Text("seriesId"));
    }

    [Fact]
    public async Task Patch_MovingOneOccurrenceToAnotherDay_ShowsItOnThatDay_Rule4_Rule11()
    {
        var (setup, series) = await WeeklySeriesAsync(3);

        var moved = await PatchedAsync(setup.Http, series[1].Id(), new { start = "2026-12-17T10:00:00-05:00", scope = "this" });

        Assert.Equal("2026-12-17", moved.Text("localDate"));
        Assert.Equal([series[1].Id()], (await setup.Http.FeedAsync("2026-12-16", "2026-12-18")).Ids());
        Assert.Empty(await setup.Http.FeedAsync("2026-12-15", "2026-12-15"));
    }

    [Fact]
    public async Task Patch_WithScopeFollowing_MovesThisAndEveryLaterOccurrenceButNotEarlierOnes_Rule4()
    {
        var (setup, series) = await WeeklySeriesAsync(4);

        await PatchedAsync(setup.Http, series[1].Id(), new { start = "2026-12-15T14:00:00-05:00", scope = "following" });

        Assert.Equal(
            ["2026-12-08T10:00:00-05:00", "2026-12-15T14:00:00-05:00", "2026-12-22T14:00:00-05:00", "2026-12-29T14:00:00-05:00"],
            await StartsAsync(setup, series));
    }

    [Fact]
    public async Task Patch_WithScopeFollowing_ToAnotherWeekday_ShiftsEveryLaterOccurrenceByTheSameDays_Rule4()
    {
        var (setup, series) = await WeeklySeriesAsync(3);

        await PatchedAsync(setup.Http, series[0].Id(), new { start = "2026-12-09T10:00:00-05:00", scope = "following" });

        var feed = await setup.Http.FeedAsync("2026-12-01", "2026-12-31");
        Assert.Equal(["2026-12-09", "2026-12-16", "2026-12-23"], feed.Select(a => a.Text("localDate")));
    }

    [Fact]
    public async Task Patch_WithScopeFollowingAcrossSpringForward_KeepsTheNewWallClockTime_Rule4()
    {
        var (setup, series) = await WeeklySeriesAsync(3, "2027-03-02T10:00:00-05:00");

        await PatchedAsync(setup.Http, series[0].Id(), new { start = "2027-03-02T11:00:00-05:00", scope = "following" });

        Assert.Equal(
            ["2027-03-02T11:00:00-05:00", "2027-03-09T11:00:00-05:00", "2027-03-16T11:00:00-04:00"],
            await StartsAsync(setup, series));
    }

    [Fact]
    public async Task Patch_WithScopeFollowing_ChangingOnlyTheRoom_LeavesEachOccurrencesTimeAlone_Rule4()
    {
        var (setup, series) = await WeeklySeriesAsync(3);
        await PatchedAsync(setup.Http, series[2].Id(), new { start = "2026-12-22T11:00:00-05:00" });

        await PatchedAsync(setup.Http, series[1].Id(), new { location = "Room 3", scope = "following" });

        var third = await setup.Http.AppointmentAsync(series[2].Id());
        Assert.Equal("Room 3", third.Text("location"));
        Assert.Equal("2026-12-22T11:00:00-05:00", third.Text("start"));
    }

    [Fact]
    public async Task Patch_WithScopeFollowing_ChangesDurationAndMemoOfThisAndLaterOnes_Rule4()
    {
        var (setup, series) = await WeeklySeriesAsync(3);

        await PatchedAsync(setup.Http, series[1].Id(), new { durationMinutes = 90, memo = "Longer sessions from now on", scope = "following" });

        var after = new List<JsonElement>();
        foreach (var occurrence in series)
        {
            after.Add(await setup.Http.AppointmentAsync(occurrence.Id()));
        }

        Assert.Equal([50, 90, 90], after.Select(a => a.GetProperty("durationMinutes").GetInt32()));
        Assert.Equal(JsonValueKind.Null, after[0].GetProperty("memo").ValueKind);
        Assert.All(after.Skip(1), a => Assert.Equal("Longer sessions from now on", a.Text("memo")));
        Assert.Equal("2026-12-22T11:30:00-05:00", after[2].Text("end"));
    }

    [Fact]
    public async Task Patch_KeepsTheInvitees_Rule3()
    {
        var (setup, series) = await WeeklySeriesAsync(1);

        var moved = await PatchedAsync(setup.Http, series[0].Id(), new { start = "2026-12-09T10:00:00-05:00" });

        Assert.Equal(Sorted([.. setup.Members]), moved.InviteeIds());
    }

    [Fact]
    public async Task Patch_WithACurrentIfMatch_IsAppliedAndReturnsANewETag()
    {
        var (setup, series) = await WeeklySeriesAsync(1);
        var before = await ETagOfAsync(setup.Http, series[0].Id());

        var response = await PatchAsync(setup.Http, series[0].Id(), new { memo = "Bring worksheets" }, before.Tag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotEqual(before, response.Headers.ETag);
        Assert.Equal(response.Headers.ETag, await ETagOfAsync(setup.Http, series[0].Id()));
    }

    [Fact]
    public async Task Patch_WithAStaleIfMatch_Is412AndChangesNothing()
    {
        var (setup, series) = await WeeklySeriesAsync(1);
        var stale = await ETagOfAsync(setup.Http, series[0].Id());
        await PatchedAsync(setup.Http, series[0].Id(), new { memo = "First edit" }, stale.Tag);

        var response = await PatchAsync(setup.Http, series[0].Id(), new { start = "2026-12-08T15:00:00-05:00", memo = "Lost edit" }, stale.Tag);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        var current = await setup.Http.AppointmentAsync(series[0].Id());
        Assert.Equal("First edit", current.Text("memo"));
        Assert.Equal("2026-12-08T10:00:00-05:00", current.Text("start"));
    }

    [Fact]
    public async Task Patch_WithIfMatchStar_IsApplied()
    {
        var (setup, series) = await WeeklySeriesAsync(1);

        var response = await PatchAsync(setup.Http, series[0].Id(), new { memo = "Any version" }, "*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Write_ChangesTheETag()
    {
        var (setup, series) = await WeeklySeriesAsync(1);
        var first = await ETagOfAsync(setup.Http, series[0].Id());

        await PatchedAsync(setup.Http, series[0].Id(), new { location = "Room 4" });
        var second = await ETagOfAsync(setup.Http, series[0].Id());
        await setup.Http.PostAsync($"/api/v1/appointments/{series[0].Id()}/cancel", null, Ct);
        var third = await ETagOfAsync(setup.Http, series[0].Id());

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, third);
        Assert.NotEqual(first, third);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task Patch_ToZeroOrAThousandMinutes_Is400OnDurationMinutesAndChangesNothing(int minutes)
    {
        var (setup, series) = await WeeklySeriesAsync(1);

        var response = await PatchAsync(setup.Http, series[0].Id(), new { durationMinutes = minutes });

        await response.AssertFieldErrorAsync("durationMinutes");
        Assert.Equal(50, (await setup.Http.AppointmentAsync(series[0].Id())).GetProperty("durationMinutes").GetInt32());
    }

    [Fact]
    public async Task Patch_WithAStartWithoutOffset_Is400OnStart()
    {
        var (setup, series) = await WeeklySeriesAsync(1);

        var response = await PatchAsync(setup.Http, series[0].Id(), new { start = "2026-12-08T11:00:00" });

        await response.AssertFieldErrorAsync("start");
    }

    [Fact]
    public async Task Patch_WithAnUnknownScope_Is400OnScope()
    {
        var (setup, series) = await WeeklySeriesAsync(2);

        var response = await PatchAsync(setup.Http, series[0].Id(), new { memo = "x", scope = "all" });

        await response.AssertFieldErrorAsync("scope");
    }

    [Fact]
    public async Task Patch_ByABiller_Is403AndChangesNothing()
    {
        var (setup, series) = await WeeklySeriesAsync(1);
        var biller = await app.StaffAsync("Biller");

        var response = await PatchAsync(biller.Client, series[0].Id(), new { start = "2026-12-09T10:00:00-05:00" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("2026-12-08T10:00:00-05:00", (await setup.Http.AppointmentAsync(series[0].Id())).Text("start"));
    }

    [Fact]
    public async Task Patch_ByFrontDesk_OfAnyClinicsAppointment_IsApplied()
    {
        var (_, series) = await WeeklySeriesAsync(1);
        var scheduler = await app.StaffAsync("Scheduler");

        var moved = await PatchedAsync(scheduler.Client, series[0].Id(), new { start = "2026-12-08T13:00:00-05:00" });

        Assert.Equal("2026-12-08T13:00:00-05:00", moved.Text("start"));
    }

    [Fact]
    public async Task Patch_AnUnknownAppointment_Is404()
    {
        var morgan = await app.StaffAsync("Clinician");

        var response = await PatchAsync(morgan.Client, "no-such-appointment", new { memo = "x" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Cancel_MarksTheAppointmentCancelledAndKeepsItOnTheCalendar_Rule11()
    {
        var (setup, series) = await WeeklySeriesAsync(2);

        var response = await setup.Http.PostAsync($"/api/v1/appointments/{series[0].Id()}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("cancelled", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).Text("status"));
        Assert.Equal("cancelled", (await setup.Http.AppointmentAsync(series[0].Id())).Text("status"));
        Assert.Equal("scheduled", (await setup.Http.AppointmentAsync(series[1].Id())).Text("status"));
        var feed = await setup.Http.FeedAsync("2026-12-08", "2026-12-08");
        Assert.Equal("cancelled", Assert.Single(feed).Text("status"));
    }

    [Fact]
    public async Task Cancel_WithAStaleIfMatch_Is412AndLeavesItScheduled()
    {
        var (setup, series) = await WeeklySeriesAsync(1);
        var stale = await ETagOfAsync(setup.Http, series[0].Id());
        await PatchedAsync(setup.Http, series[0].Id(), new { memo = "Edited" });

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/appointments/{series[0].Id()}/cancel");
        request.Headers.TryAddWithoutValidation("If-Match", stale.Tag);
        var response = await setup.Http.SendAsync(request, Ct);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal("scheduled", (await setup.Http.AppointmentAsync(series[0].Id())).Text("status"));
    }

    [Fact]
    public async Task Cancel_TwiceIs409AppointmentCancelled()
    {
        var (setup, series) = await WeeklySeriesAsync(1);
        await setup.Http.PostAsync($"/api/v1/appointments/{series[0].Id()}/cancel", null, Ct);

        var response = await setup.Http.PostAsync($"/api/v1/appointments/{series[0].Id()}/cancel", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "appointment-cancelled");
    }

    [Fact]
    public async Task Patch_ACancelledAppointment_Is409AppointmentCancelled()
    {
        var (setup, series) = await WeeklySeriesAsync(1);
        await setup.Http.PostAsync($"/api/v1/appointments/{series[0].Id()}/cancel", null, Ct);

        var response = await PatchAsync(setup.Http, series[0].Id(), new { start = "2026-12-09T10:00:00-05:00" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "appointment-cancelled");
    }

    [Fact]
    public async Task Patch_WithScopeFollowing_SkipsCancelledLaterOccurrences_Rule4()
    {
        var (setup, series) = await WeeklySeriesAsync(3);
        await setup.Http.PostAsync($"/api/v1/appointments/{series[1].Id()}/cancel", null, Ct);

        await PatchedAsync(setup.Http, series[0].Id(), new { start = "2026-12-08T09:00:00-05:00", scope = "following" });

        Assert.Equal(
            ["2026-12-08T09:00:00-05:00", "2026-12-15T10:00:00-05:00", "2026-12-22T09:00:00-05:00"],
            await StartsAsync(setup, series));
    }
}

public sealed class AppointmentChangeSqliteTests(SqliteApp app) : AppointmentChangeTests(app), IClassFixture<SqliteApp>;

public sealed class AppointmentChangePostgresTests(PostgresApp app) : AppointmentChangeTests(app), IClassFixture<PostgresApp>;
