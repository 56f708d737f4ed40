using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Scheduling.SchedulingApi;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>Rules 2–4 and 11 over HTTP: booking individual and group appointments and series (test clock: 2026-12-01, New York).</summary>
public abstract class AppointmentBookingTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> ColorOfAsync(HttpClient http, string clinicianId)
    {
        var clinicians = await http.GetFromJsonAsync<JsonElement>("/api/v1/clinicians", Ct);
        return clinicians.EnumerateArray().Single(c => c.Text("id") == clinicianId).Text("color");
    }

    [Fact]
    public async Task Book_AnIndividualAppointment_Is201WithTheClientAsSingleInvoicedInviteeAndTheCliniciansColour()
    {
        var morgan = await app.StaffAsync("Clinician");
        var client = await morgan.Client.CreateClientAsync(morgan.ClinicianId);

        var response = await morgan.Client.PostAppointmentAsync(Individual(morgan.ClinicianId, client) with { Location = "Room 2" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var appointment = Assert.Single(body.Appointments());
        Assert.Equal($"/api/v1/appointments/{appointment.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("seriesId").ValueKind);
        Assert.Empty(body.GetProperty("warnings").EnumerateArray());
        Assert.Equal("individual", appointment.Text("kind"));
        Assert.Equal(morgan.ClinicianId, appointment.Text("clinicianId"));
        Assert.Equal("90834", appointment.Text("serviceCode"));
        Assert.Equal("2026-12-08T10:00:00-05:00", appointment.Text("start"));
        Assert.Equal("2026-12-08T10:50:00-05:00", appointment.Text("end"));
        Assert.Equal("2026-12-08", appointment.Text("localDate"));
        Assert.Equal(50, appointment.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("Room 2", appointment.Text("location"));
        Assert.Equal("scheduled", appointment.Text("status"));
        Assert.Equal(await ColorOfAsync(morgan.Client, morgan.ClinicianId!), appointment.Text("color"));
        Assert.NotEqual("#add8e6", appointment.Text("color"));
        var invitee = Assert.Single(appointment.GetProperty("invitees").EnumerateArray());
        Assert.Equal(client, invitee.Text("clientId"));
        Assert.Equal("invited", invitee.Text("status"));
        Assert.True(invitee.GetProperty("createInvoice").GetBoolean());
    }

    [Fact]
    public async Task Book_AGroupAppointment_InvitesEveryCurrentMemberInvoicedAndIsLightBlue_Rule2_Rule11()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 3);

        var appointment = await setup.Http.BookOneAsync(setup.Session());

        Assert.Equal("group", appointment.Text("kind"));
        Assert.Equal(setup.GroupId, appointment.Text("groupId"));
        Assert.Equal("90853", appointment.Text("serviceCode"));
        Assert.Equal("#add8e6", appointment.Text("color"));
        Assert.Equal("2026-12-08T10:00:00-05:00", appointment.Text("start"));
        Assert.Equal("2026-12-08", appointment.Text("localDate"));
        Assert.Equal(Sorted([.. setup.Members]), appointment.InviteeIds());
        Assert.All(appointment.GetProperty("invitees").EnumerateArray(), i =>
        {
            Assert.True(i.GetProperty("createInvoice").GetBoolean());
            Assert.Equal("invited", i.Text("status"));
        });
        Assert.False(appointment.GetProperty("hasGroupNote").GetBoolean());
        Assert.False(appointment.GetProperty("hasPayment").GetBoolean());
    }

    [Fact]
    public async Task Book_AGroupAppointmentForAChosenSubset_InvitesOnlyThemWithTheirInvoiceChoice_Rule2()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 3);

        var appointment = await setup.Http.BookOneAsync(setup.Session() with
        {
            Invitees = [new InviteePayload(setup.Members[0], CreateInvoice: true), new InviteePayload(setup.Members[1], CreateInvoice: false)],
        });

        var invitees = appointment.GetProperty("invitees").EnumerateArray().ToDictionary(i => i.Text("clientId"), i => i.GetProperty("createInvoice").GetBoolean());
        Assert.Equal(2, invitees.Count);
        Assert.True(invitees[setup.Members[0]]);
        Assert.False(invitees[setup.Members[1]]);
    }

    [Fact]
    public async Task Book_AStartGivenInAnotherOffset_IsAnsweredWithThePracticeOffset()
    {
        var morgan = await app.StaffAsync("Clinician");
        var client = await morgan.Client.CreateClientAsync(morgan.ClinicianId);

        var appointment = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client, "2026-12-08T15:00:00Z"));

        Assert.Equal("2026-12-08T10:00:00-05:00", appointment.Text("start"));
    }

    [Fact]
    public async Task Book_ALateEveningSession_IsOnItsDayInThePracticeZoneNotInUtc_Rule11()
    {
        var morgan = await app.StaffAsync("Clinician");
        var client = await morgan.Client.CreateClientAsync(morgan.ClinicianId);

        var appointment = await morgan.Client.BookOneAsync(Individual(morgan.ClinicianId, client, "2026-12-08T23:30:00-05:00"));

        Assert.Equal("2026-12-08", appointment.Text("localDate"));
        Assert.Equal("2026-12-09T00:20:00-05:00", appointment.Text("end"));
        Assert.Contains(appointment.Id(), (await morgan.Client.FeedAsync("2026-12-08", "2026-12-08")).Ids());
    }

    [Fact]
    public async Task Book_ASingleAppointment_ReturnsItsETag()
    {
        var morgan = await app.StaffAsync("Clinician");
        var client = await morgan.Client.CreateClientAsync(morgan.ClinicianId);

        var response = await morgan.Client.PostAppointmentAsync(Individual(morgan.ClinicianId, client));

        Assert.NotNull(response.Headers.ETag);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).Appointments()[0].Id();
        var get = await morgan.Client.GetAsync($"/api/v1/appointments/{id}", Ct);
        Assert.Equal(response.Headers.ETag, get.Headers.ETag);
    }

    [Fact]
    public async Task Snapshot_AMemberAddedAfterBooking_IsNotAddedToTheAppointment_Rule3()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var booked = await setup.Http.BookOneAsync(setup.Session());
        var newcomer = await setup.Http.CreateClientAsync(setup.ClinicianId, "Newcomer");

        await setup.Http.AddMemberAsync(setup.GroupId, newcomer);

        Assert.Equal(Sorted([.. setup.Members]), (await setup.Http.AppointmentAsync(booked.Id())).InviteeIds());
    }

    [Fact]
    public async Task Snapshot_AMemberRemovedAfterBooking_StaysInvitedToTheAppointment_Rule3()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var booked = await setup.Http.BookOneAsync(setup.Session());

        var left = await setup.Http.DeleteAsync($"/api/v1/groups/{setup.GroupId}/members/{setup.Members[1]}", Ct);

        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal(Sorted([.. setup.Members]), (await setup.Http.AppointmentAsync(booked.Id())).InviteeIds());
    }

    [Fact]
    public async Task Book_AWeeklyGroupSeries_CreatesOneRowPerOccurrenceWithOneSeriesId_Rule4()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var body = await setup.Http.BookAsync(setup.Session() with { Recurrence = RecurrencePayload.Weekly(count: 4) });

        var seriesId = body.Text("seriesId");
        var occurrences = body.Appointments();
        Assert.Equal(4, occurrences.Length);
        Assert.Equal(4, occurrences.Ids().Distinct().Count());
        Assert.All(occurrences, a => Assert.Equal(seriesId, a.Text("seriesId")));
        Assert.Equal(["2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"], occurrences.Select(a => a.Text("localDate")));
        Assert.All(occurrences, a => Assert.Equal(Sorted([.. setup.Members]), a.InviteeIds()));
    }

    [Fact]
    public async Task Book_AWeeklySeriesAcrossSpringForward_KeepsTenOClockAndShowsTheNewOffset_Rule4()
    {
        var setup = await app.ClinicianWithGroupAsync();

        await setup.Http.BookAsync(setup.Session("2027-03-02T10:00:00-05:00") with { Recurrence = RecurrencePayload.Weekly(count: 4) });

        var feed = await setup.Http.FeedAsync("2027-03-01", "2027-03-31", setup.ClinicianId);
        Assert.Equal(["2027-03-02", "2027-03-09", "2027-03-16", "2027-03-23"], feed.Select(a => a.Text("localDate")));
        Assert.Equal(
            ["2027-03-02T10:00:00-05:00", "2027-03-09T10:00:00-05:00", "2027-03-16T10:00:00-04:00", "2027-03-23T10:00:00-04:00"],
            feed.Select(a => a.Text("start")));
    }

    [Fact]
    public async Task Book_AMonthlySeries_FallsOnTheSameWeekdayOfTheMonth_Rule4()
    {
        var setup = await app.ClinicianWithGroupAsync();

        // 8 December 2026 is the second Tuesday of December.
        var body = await setup.Http.BookAsync(setup.Session() with { Recurrence = new RecurrencePayload("monthly", 1, Count: 3) });

        Assert.Equal(["2026-12-08", "2027-01-12", "2027-02-09"], body.Appointments().Select(a => a.Text("localDate")));
    }

    [Fact]
    public async Task Book_ASeriesEndingOnADate_IncludesThatDate_Rule4()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var body = await setup.Http.BookAsync(setup.Session() with { Recurrence = new RecurrencePayload("weekly", 2, Until: "2027-01-05") });

        Assert.Equal(["2026-12-08", "2026-12-22", "2027-01-05"], body.Appointments().Select(a => a.Text("localDate")));
    }

    [Fact]
    public async Task Book_ByFrontDesk_ForAnyClinician_Is201()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var setup = await app.ClinicianWithGroupAsync();

        var appointment = await scheduler.Client.BookOneAsync(setup.Session());

        Assert.Equal(setup.ClinicianId, appointment.Text("clinicianId"));
    }

    [Fact]
    public async Task Book_ByAClinicianForAnotherClinician_Is403ClinicianNotYoursAndSavesNothing()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var riley = await app.StaffAsync("Clinician");

        var response = await riley.Client.PostAppointmentAsync(setup.Session());

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "clinician-not-yours");
        Assert.Empty(await setup.Http.FeedAsync("2026-12-08", "2026-12-08", setup.ClinicianId));
    }

    [Fact]
    public async Task Book_ByABiller_Is403()
    {
        var biller = await app.StaffAsync("Biller");
        var setup = await app.ClinicianWithGroupAsync();

        var response = await biller.Client.PostAppointmentAsync(setup.Session());

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty(await setup.Http.FeedAsync("2026-12-08", "2026-12-08", setup.ClinicianId));
    }

    [Fact]
    public async Task Check_ByABiller_Is403()
    {
        var biller = await app.StaffAsync("Biller");
        var setup = await app.ClinicianWithGroupAsync();

        var response = await biller.Client.PostAsJsonAsync("/api/v1/appointments/check", setup.Session(), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Book_WithoutSigningIn_Is401()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);

        var response = await app.CreateClient().PostAppointmentAsync(setup.Session());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class AppointmentBookingSqliteTests(SqliteApp app) : AppointmentBookingTests(app), IClassFixture<SqliteApp>;

public sealed class AppointmentBookingPostgresTests(PostgresApp app) : AppointmentBookingTests(app), IClassFixture<PostgresApp>;
