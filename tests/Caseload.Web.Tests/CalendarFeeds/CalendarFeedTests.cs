using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Scheduling.SchedulingApi;

namespace Caseload.Web.Tests.CalendarFeeds;

/// <summary>
/// The private calendar feed as a calendar app sees it: parsed with Ical.Net, correct across daylight-saving
/// changes, only the owner's sessions, no client names unless the practice turns them on, and cheap to poll.
/// </summary>
public abstract class CalendarFeedTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Staff Clinician, string ClientId)> ClinicianWithClientAsync(string firstName = "Ada")
    {
        var clinician = await app.StaffAsync("Clinician");
        return (clinician, await clinician.Client.CreateClientAsync(clinician.ClinicianId, firstName));
    }

    private async Task SetFeedNamesAsync(string names)
    {
        using var admin = await app.AdminAsync();
        var practice = await admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/practice", Ct);
        practice!["calendarFeedNames"] = JsonSerializer.SerializeToElement(names);
        var response = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Feed_AWeeklySeriesAcrossTheSpringChange_StaysAtTenInNewYork_WithAMatchingVTimezone()
    {
        var (morgan, client) = await ClinicianWithClientAsync();
        var series = (await morgan.Client.BookAsync(Individual(morgan.ClinicianId, client, "2027-03-02T10:00:00-05:00")
            with { Recurrence = RecurrencePayload.Weekly(count: 4) })).Appointments();
        var path = await morgan.Client.CreateFeedAsync();

        var calendar = await app.CalendarAsync(path);

        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("America/New_York", zone.TzId);
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.Equal(series.Ids().Select(CalendarFeedsApi.Uid), events.Select(e => e.Uid));
        Assert.All(events, e =>
        {
            Assert.Equal("America/New_York", e.DtStart!.TzId);
            Assert.Equal("America/New_York", e.DtEnd!.TzId);
            Assert.Equal(10, e.DtStart.Hour);
            Assert.Equal(50, (int)(e.DtEnd.AsUtc - e.DtStart.AsUtc).TotalMinutes);
        });

        // 2 and 9 March are in EST (UTC-5), 16 and 23 March in EDT (UTC-4): the same ten o'clock, an hour apart in UTC.
        Assert.Equal(
            [new DateTime(2027, 3, 2, 15, 0, 0), new DateTime(2027, 3, 9, 15, 0, 0), new DateTime(2027, 3, 16, 14, 0, 0), new DateTime(2027, 3, 23, 14, 0, 0)],
            events.Select(e => DateTime.SpecifyKind(e.DtStart!.AsUtc, DateTimeKind.Unspecified)));
        var text = await (await app.FetchAsync(path)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("DTSTART;TZID=America/New_York:20270316T100000", text, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:-0400", text, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:-0500", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_ShowsOnlyTheOwnersAppointments()
    {
        var (morgan, morgansClient) = await ClinicianWithClientAsync();
        var (riley, rileysClient) = await ClinicianWithClientAsync();
        var mine = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, morgansClient));
        var theirs = await riley.Client.BookOneAsync(Individual(riley.ClinicianId, rileysClient));

        var calendar = await app.CalendarAsync(await morgan.Client.CreateFeedAsync());

        Assert.Equal([CalendarFeedsApi.Uid(mine.Id())], calendar.Events.Select(e => e.Uid));
        Assert.DoesNotContain(calendar.Events, e => e.Uid == CalendarFeedsApi.Uid(theirs.Id()));
    }

    [Fact]
    public async Task Feed_LeavesOutWhatIsBeyondItsWindow()
    {
        var (morgan, client) = await ClinicianWithClientAsync();
        var tooOld = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client, "2026-08-25T10:00:00-04:00"));
        var oldest = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client, "2026-09-02T10:00:00-04:00"));
        var furthest = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client, "2028-01-05T10:00:00-05:00"));
        var tooFar = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client, "2028-01-12T10:00:00-05:00"));

        var uids = (await app.CalendarAsync(await morgan.Client.CreateFeedAsync())).Events.Select(e => e.Uid).ToHashSet();

        Assert.Contains(CalendarFeedsApi.Uid(oldest.Id()), uids);
        Assert.Contains(CalendarFeedsApi.Uid(furthest.Id()), uids);
        Assert.DoesNotContain(CalendarFeedsApi.Uid(tooOld.Id()), uids);
        Assert.DoesNotContain(CalendarFeedsApi.Uid(tooFar.Id()), uids);
        Assert.Equal(2, uids.Count);
    }

    [Fact]
    public async Task Feed_ByDefault_NamesNoClientOrGroup()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 3);
        var client = await setup.Http.CreateClientAsync(setup.ClinicianId, "Zebedee");
        await setup.Http.BookOneAsync(setup.Session() with { Location = "Room 7" });
        await setup.Http.BookOneAsync(Individual(setup.ClinicianId, client, "2026-12-09T10:00:00-05:00"));
        var path = await setup.Http.CreateFeedAsync();

        var text = await (await app.FetchAsync(path)).Content.ReadAsStringAsync(Ct);
        var events = Calendar.Load(text)!.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();

        Assert.Equal(["Group session · 3 invited", "Individual session"], events.Select(e => e.Summary));
        Assert.Equal("Room 7", events[0].Location);
        Assert.DoesNotContain("Zebedee", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tester", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Member", text, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.GroupName.Split(' ')[1], text, StringComparison.Ordinal);
        Assert.DoesNotContain("90853", text, StringComparison.Ordinal);
        Assert.DoesNotContain("90834", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_WithNamesOrInitialsTurnedOn_ShowsThem()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var client = await setup.Http.CreateClientAsync(setup.ClinicianId, "Zebedee");
        var lastName = (await setup.Http.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{client}", Ct)).Text("lastName");
        await setup.Http.BookOneAsync(setup.Session());
        await setup.Http.BookOneAsync(Individual(setup.ClinicianId, client, "2026-12-09T10:00:00-05:00"));
        var path = await setup.Http.CreateFeedAsync();
        try
        {
            await SetFeedNamesAsync("names");
            var named = (await app.CalendarAsync(path)).Events.OrderBy(e => e.DtStart!.AsUtc).Select(e => e.Summary).ToList();
            await SetFeedNamesAsync("initials");
            var initials = (await app.CalendarAsync(path)).Events.OrderBy(e => e.DtStart!.AsUtc).Select(e => e.Summary).ToList();

            Assert.Equal([$"{setup.GroupName} · 2 invited", $"Zebedee {lastName}"], named);
            Assert.Equal(["Group session · 2 invited", "Individual session · Z.T."], initials);
        }
        finally
        {
            await SetFeedNamesAsync("none");
        }
    }

    [Fact]
    public async Task PracticeSettings_AnUnknownFeedNaming_Is400NamingTheField()
    {
        using var admin = await app.AdminAsync();
        var practice = await admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/practice", Ct);
        Assert.Equal("none", practice!["calendarFeedNames"].GetString());
        practice["calendarFeedNames"] = JsonSerializer.SerializeToElement("everything");

        var response = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("calendarFeedNames", out _));
    }

    [Fact]
    public async Task Feed_AfterAMoveAndACancellation_KeepsTheUidAndRaisesTheSequence_AndMarksItCancelled()
    {
        var (morgan, client) = await ClinicianWithClientAsync();
        var booked = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client));
        var path = await morgan.Client.CreateFeedAsync();
        var first = Assert.Single((await app.CalendarAsync(path)).Events);

        var moved = await morgan.Client.PatchAppointmentAsync(booked.Id(), new { start = "2026-12-08T11:00:00-05:00" });
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync(Ct));
        var afterMove = Assert.Single((await app.CalendarAsync(path)).Events);
        var cancelled = await morgan.Client.PostAsync($"/api/v1/appointments/{booked.Id()}/cancel", null, Ct);
        Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync(Ct));
        var afterCancel = Assert.Single((await app.CalendarAsync(path)).Events);

        Assert.Equal(first.Uid, afterMove.Uid);
        Assert.Equal(first.Uid, afterCancel.Uid);
        Assert.Equal(0, first.Sequence);
        Assert.True(afterMove.Sequence > first.Sequence);
        Assert.True(afterCancel.Sequence > afterMove.Sequence);
        Assert.Equal(11, afterMove.DtStart!.Hour);
        Assert.Equal("CONFIRMED", afterMove.Status);
        Assert.Equal("CANCELLED", afterCancel.Status);
    }

    [Fact]
    public async Task Feed_ADeletedAppointment_LeavesTheFeed()
    {
        var (morgan, client) = await ClinicianWithClientAsync();
        var booked = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client));
        var path = await morgan.Client.CreateFeedAsync();
        Assert.Single((await app.CalendarAsync(path)).Events);

        var deleted = await morgan.Client.DeleteAsync($"/api/v1/appointments/{booked.Id()}", Ct);
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync(Ct));

        Assert.Empty((await app.CalendarAsync(path)).Events);
    }

    [Fact]
    public async Task Feed_AskedAgainWithItsETag_Is304_UntilSomethingChanges()
    {
        var (morgan, client) = await ClinicianWithClientAsync();
        var booked = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client));
        var path = await morgan.Client.CreateFeedAsync();
        var first = await app.FetchAsync(path);
        var etag = first.Headers.ETag!;

        var again = await app.FetchAsync(path, r => r.Headers.IfNoneMatch.Add(etag));
        await morgan.Client.PatchAppointmentAsync(booked.Id(), new { location = "Room 9" });
        var afterChange = await app.FetchAsync(path, r => r.Headers.IfNoneMatch.Add(etag));

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, afterChange.StatusCode);
        Assert.NotEqual(etag, afterChange.Headers.ETag);
        Assert.Contains("LOCATION:Room 9", await afterChange.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_AskedIfModifiedSinceItsLastModified_Is304_UntilSomethingChanges()
    {
        var (morgan, client) = await ClinicianWithClientAsync();
        var booked = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client));
        var path = await morgan.Client.CreateFeedAsync();
        var first = await app.FetchAsync(path);
        var lastModified = first.Content.Headers.LastModified!.Value;
        Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true, NoStore: false }, first.Headers.CacheControl?.ToString());

        app.Time.Advance(TimeSpan.FromMinutes(30));
        var again = await app.FetchAsync(path, r => r.Headers.IfModifiedSince = lastModified);
        await morgan.Client.PostAsync($"/api/v1/appointments/{booked.Id()}/cancel", null, Ct);
        app.Time.Advance(TimeSpan.FromMinutes(30));
        var afterChange = await app.FetchAsync(path, r => r.Headers.IfModifiedSince = lastModified);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterChange.StatusCode);
        Assert.True(afterChange.Content.Headers.LastModified > lastModified);
    }

    [Fact]
    public async Task Feed_ReplacedAddress_OldIs404AndTheNewOneWorks()
    {
        var (morgan, client) = await ClinicianWithClientAsync();
        await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client));
        var old = await morgan.Client.CreateFeedAsync();

        var replaced = await morgan.Client.CreateFeedAsync();

        Assert.NotEqual(old, replaced);
        Assert.Equal(HttpStatusCode.NotFound, (await app.FetchAsync(old)).StatusCode);
        Assert.Single((await app.CalendarAsync(replaced)).Events);
    }

    [Fact]
    public async Task Feed_Revoked_Is404()
    {
        var (morgan, _) = await ClinicianWithClientAsync();
        var path = await morgan.Client.CreateFeedAsync();

        var revoked = await morgan.Client.DeleteAsync("/api/v1/me/calendar-feed", Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.FetchAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Feed_UnknownToken_Is404()
    {
        var response = await app.FetchAsync("/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Feed_OfADeactivatedUser_Is404()
    {
        var (morgan, _) = await ClinicianWithClientAsync();
        var path = await morgan.Client.CreateFeedAsync();
        using var admin = await app.AdminAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{morgan.UserId}/deactivate", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await app.FetchAsync(path)).StatusCode);
    }

    [Fact]
    public async Task CreateFeed_ForASchedulerWithoutSessions_Is409()
    {
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.PostAsync("/api/v1/me/calendar-feed", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "calendar-feed-needs-clinician");
    }

    [Fact]
    public async Task StaffList_ShowsWhoHasAFeed_AndAnAdministratorRevokesIt_WithAnAuditEntry()
    {
        var (morgan, _) = await ClinicianWithClientAsync();
        var path = await morgan.Client.CreateFeedAsync();
        using var admin = await app.AdminAsync();
        bool HasFeed(JsonElement[] users) => users.Single(u => u.Text("id") == morgan.UserId).GetProperty("hasCalendarFeed").GetBoolean();
        var before = await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/users", Ct);

        var revoked = await admin.DeleteAsync($"/api/v1/users/{morgan.UserId}/calendar-feed", Ct);

        Assert.True(HasFeed(before!));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.False(HasFeed((await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/users", Ct))!));
        Assert.Equal(HttpStatusCode.NotFound, (await app.FetchAsync(path)).StatusCode);
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityType=user&action=delete", Ct);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(),
            e => e.Text("entityId") == morgan.UserId && e.Text("detail") == "calendar feed revoked by an administrator");
    }

    [Fact]
    public async Task RevokeAnothersFeed_AsAClinician_Is403()
    {
        var (morgan, _) = await ClinicianWithClientAsync();
        var (riley, _) = await ClinicianWithClientAsync();
        var path = await morgan.Client.CreateFeedAsync();

        var response = await riley.Client.DeleteAsync($"/api/v1/users/{morgan.UserId}/calendar-feed", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.FetchAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Feed_TheDatabaseKeepsOnlyTheTokensHash()
    {
        var (morgan, _) = await ClinicianWithClientAsync();
        var path = await morgan.Client.CreateFeedAsync();
        var token = path["/calendar/".Length..^".ics".Length];

        var stored = await app.InDatabaseAsync(db => db.CalendarFeeds.AsNoTracking().SingleAsync(f => f.UserId == morgan.UserId, Ct));

        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), stored.TokenHash);
    }
}

public sealed class CalendarFeedSqliteTests(SqliteApp app) : CalendarFeedTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarFeedPostgresTests(PostgresApp app) : CalendarFeedTests(app), IClassFixture<PostgresApp>;
