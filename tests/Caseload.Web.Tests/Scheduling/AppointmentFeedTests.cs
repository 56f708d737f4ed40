using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Notes;
using static Caseload.Web.Tests.Scheduling.SchedulingApi;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>Rule 11 and the roles table: the calendar feed, by day in the practice zone, only of clinicians the asker may see.</summary>
public abstract class AppointmentFeedTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feed_ReturnsASeriesOnItsLocalDatesInOrder_Rule11()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var booked = (await setup.Http.BookAsync(setup.Session() with { Recurrence = RecurrencePayload.Weekly(count: 3) })).Appointments();

        var feed = await setup.Http.FeedAsync("2026-12-01", "2026-12-31");

        Assert.Equal(booked.Ids(), feed.Ids());
        Assert.Equal(["2026-12-08", "2026-12-15", "2026-12-22"], feed.Select(a => a.Text("localDate")));
        Assert.All(feed, a => Assert.Equal("#add8e6", a.Text("color")));
    }

    [Fact]
    public async Task Feed_ShowsEachAppointmentAsItsOwnGetDoes_WithPaymentNoteAndTitle()
    {
        var paid = await app.BookedAsync(SessionDay.Past);
        await app.PayCashAsync((await paid.Http.InvoiceOfAsync(paid.Id, paid.Alice, "service")).Text("id"), 10.00m);
        var noted = await app.HeldSessionAsync();
        await noted.SignedAsync();
        var morgan = await app.StaffAsync("Clinician");
        var single = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, await morgan.Client.CreateClientAsync(morgan.ClinicianId), app.At(-7, hour: 8)));
        var admin = await app.AdminAsync();

        var feed = await admin.FeedAsync(app.Date(-8), app.Date(-6));

        Assert.Superset(new HashSet<string> { paid.Id, noted.Id, single.Id() }, feed.Ids().ToHashSet());
        Assert.True(feed.Single(a => a.Id() == paid.Id).GetProperty("hasPayment").GetBoolean());
        Assert.Equal("signed", feed.Single(a => a.Id() == noted.Id).Text("noteStatus"));
        foreach (var shown in feed)
        {
            Assert.Equal((await admin.AppointmentAsync(shown.Id())).GetRawText(), shown.GetRawText());
        }
    }

    [Fact]
    public async Task Feed_AfterThePracticeMovesToAnotherZone_ShowsTimesInTheNewZoneAtOnce()
    {
        var morgan = await app.StaffAsync("Clinician");
        var booked = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, await morgan.Client.CreateClientAsync(morgan.ClinicianId),
            "2027-01-12T22:00:00-05:00"));
        var admin = await app.AdminAsync();
        Assert.Equal("2027-01-12T22:00:00-05:00", (await morgan.Client.FeedAsync("2027-01-12", "2027-01-12")).Single().Text("start"));
        var practice = await admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/practice", Ct);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/practice", Zoned(practice!, "America/Los_Angeles"), Ct)).StatusCode);

            var feed = await morgan.Client.FeedAsync("2027-01-12", "2027-01-12");

            Assert.Equal(booked.Id(), feed.Single().Id());
            Assert.Equal("2027-01-12T22:00:00-08:00", feed.Single().Text("start"));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/practice", Zoned(practice!, "America/New_York"), Ct)).StatusCode);
        }
    }

    private static Dictionary<string, object> Zoned(Dictionary<string, JsonElement> practice, string zone)
    {
        var settings = practice.ToDictionary(p => p.Key, p => (object)p.Value);
        settings["timeZone"] = zone;
        return settings;
    }

    [Fact]
    public async Task Feed_IncludesAppointmentsOnTheFromAndToDaysAndNothingOutside_Rule11()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var booked = (await setup.Http.BookAsync(setup.Session() with { Recurrence = RecurrencePayload.Weekly(count: 4) })).Appointments();

        var feed = await setup.Http.FeedAsync("2026-12-15", "2026-12-22");

        Assert.Equal([booked[1].Id(), booked[2].Id()], feed.Ids());
    }

    [Fact]
    public async Task Feed_PutsALateEveningSessionOnItsPracticeDayNotItsUtcDay_Rule11()
    {
        var morgan = await app.StaffAsync("Clinician");
        var client = await morgan.Client.CreateClientAsync(morgan.ClinicianId);
        var late = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client, "2026-12-08T22:00:00-05:00"));

        Assert.Equal([late.Id()], (await morgan.Client.FeedAsync("2026-12-08", "2026-12-08")).Ids());
        Assert.Empty(await morgan.Client.FeedAsync("2026-12-09", "2026-12-09"));
    }

    [Fact]
    public async Task Feed_ForAClinician_ShowsOnlyTheirOwnAppointments()
    {
        var morgan = await app.ClinicianWithGroupAsync();
        var riley = await app.ClinicianWithGroupAsync();
        var mine = await morgan.Http.BookOneAsync(morgan.Session());
        await riley.Http.BookOneAsync(riley.Session());

        var feed = await morgan.Http.FeedAsync("2026-12-08", "2026-12-08");

        Assert.Equal([mine.Id()], feed.Ids());
    }

    [Fact]
    public async Task Feed_ForAClinicianAskingForAnotherClinician_IsEmpty()
    {
        var morgan = await app.ClinicianWithGroupAsync();
        var riley = await app.ClinicianWithGroupAsync();
        await riley.Http.BookOneAsync(riley.Session());

        Assert.Empty(await morgan.Http.FeedAsync("2026-12-08", "2026-12-08", riley.ClinicianId));
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Administrator")]
    public async Task Feed_ForFrontDeskFilteredByClinician_ShowsOnlyThatClinician(string role)
    {
        var staff = await app.StaffAsync(role);
        var morgan = await app.ClinicianWithGroupAsync();
        var riley = await app.ClinicianWithGroupAsync();
        var morgans = await morgan.Http.BookOneAsync(morgan.Session());
        var rileys = await riley.Http.BookOneAsync(riley.Session());

        Assert.Equal([morgans.Id()], (await staff.Client.FeedAsync("2026-12-08", "2026-12-08", morgan.ClinicianId)).Ids());
        var practice = (await staff.Client.FeedAsync("2026-12-08", "2026-12-08")).Ids();
        Assert.Contains(morgans.Id(), practice);
        Assert.Contains(rileys.Id(), practice);
    }

    [Fact]
    public async Task Get_AnotherClinicsAppointment_Is404ForAClinician()
    {
        var morgan = await app.ClinicianWithGroupAsync();
        var riley = await app.StaffAsync("Clinician");
        var booked = await morgan.Http.BookOneAsync(morgan.Session());

        var response = await riley.Client.GetAsync($"/api/v1/appointments/{booked.Id()}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Get_AnUnknownAppointment_Is404()
    {
        var morgan = await app.StaffAsync("Clinician");

        var response = await morgan.Client.GetAsync("/api/v1/appointments/no-such-appointment", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Get_ByFrontDesk_SeesAnyClinicsAppointmentWithItsETag()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var morgan = await app.ClinicianWithGroupAsync();
        var booked = await morgan.Http.BookOneAsync(morgan.Session());

        var response = await scheduler.Client.GetAsync($"/api/v1/appointments/{booked.Id()}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Patch_AnotherClinicsAppointment_Is404ForAClinicianAndChangesNothing()
    {
        var morgan = await app.ClinicianWithGroupAsync();
        var riley = await app.StaffAsync("Clinician");
        var booked = await morgan.Http.BookOneAsync(morgan.Session());

        var response = await riley.Client.PatchAsync($"/api/v1/appointments/{booked.Id()}",
            JsonContent.Create(new { memo = "mine now" }), Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(JsonValueKind.Null, (await morgan.Http.AppointmentAsync(booked.Id())).GetProperty("memo").ValueKind);
    }

    [Fact]
    public async Task Cancel_AnotherClinicsAppointment_Is404ForAClinician()
    {
        var morgan = await app.ClinicianWithGroupAsync();
        var riley = await app.StaffAsync("Clinician");
        var booked = await morgan.Http.BookOneAsync(morgan.Session());

        var response = await riley.Client.PostAsync($"/api/v1/appointments/{booked.Id()}/cancel", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal("scheduled", (await morgan.Http.AppointmentAsync(booked.Id())).Text("status"));
    }
}

public sealed class AppointmentFeedSqliteTests(SqliteApp app) : AppointmentFeedTests(app), IClassFixture<SqliteApp>;

public sealed class AppointmentFeedPostgresTests(PostgresApp app) : AppointmentFeedTests(app), IClassFixture<PostgresApp>;
