using System.Net;
using System.Net.Http.Json;
using System.Text;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Scheduling.SchedulingApi;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>Bad input to the appointment endpoints is a 400 naming the field, never a 500; nothing is saved.</summary>
public abstract class AppointmentInputTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertNothingBookedAsync(GroupSetup setup) =>
        Assert.Empty(await setup.Http.FeedAsync("2026-12-01", "2027-11-30", setup.ClinicianId));

    [Fact]
    public async Task Book_ForAnUnknownGroup_Is400OnGroupId_Rule2()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { GroupId = "no-such-group" });

        await response.AssertFieldErrorAsync("groupId");
        await AssertNothingBookedAsync(setup);
    }

    [Fact]
    public async Task Book_AGroupAppointmentWithoutAGroup_Is400OnGroupId_Rule2()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { GroupId = null });

        await response.AssertFieldErrorAsync("groupId");
    }

    [Fact]
    public async Task Book_ForAnotherClinicsGroup_Is400OnGroupId_Rule2()
    {
        var morgans = await app.ClinicianWithGroupAsync();
        var riley = await app.StaffAsync("Clinician");
        var rileysClient = await riley.Client.CreateClientAsync(riley.ClinicianId);

        var response = await riley.Client.PostAppointmentAsync(morgans.Session() with
        {
            ClinicianId = riley.ClinicianId,
            Invitees = [new InviteePayload(rileysClient)],
        });

        await response.AssertFieldErrorAsync("groupId");
    }

    /// <remarks>The API promises never to reveal another clinician's records, so the refusal must not name their group.</remarks>
    [Fact]
    public async Task Book_ForAnotherClinicsGroup_DoesNotRevealThatGroupsName()
    {
        var morgans = await app.ClinicianWithGroupAsync();
        var riley = await app.StaffAsync("Clinician");
        var rileysClient = await riley.Client.CreateClientAsync(riley.ClinicianId);

        var response = await riley.Client.PostAppointmentAsync(morgans.Session() with
        {
            ClinicianId = riley.ClinicianId,
            Invitees = [new InviteePayload(rileysClient)],
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(morgans.GroupName, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Book_ForAnArchivedGroup_Is400OnGroupId_Rule2()
    {
        var setup = await app.ClinicianWithGroupAsync();
        Assert.Equal(HttpStatusCode.OK, (await setup.Http.PostAsync($"/api/v1/groups/{setup.GroupId}/archive", null, Ct)).StatusCode);

        var response = await setup.Http.PostAppointmentAsync(setup.Session());

        await response.AssertFieldErrorAsync("groupId");
        await AssertNothingBookedAsync(setup);
    }

    [Fact]
    public async Task Book_InvitingAClientOfAnotherCaseload_Is403ClientNotYours_Rule2()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var riley = await app.StaffAsync("Clinician");
        var rileysClient = await riley.Client.CreateClientAsync(riley.ClinicianId);

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with
        {
            Invitees = [new InviteePayload(setup.Members[0]), new InviteePayload(rileysClient)],
        });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "client-not-yours");
        await AssertNothingBookedAsync(setup);
    }

    /// <remarks>The API promises never to reveal another clinician's records; the refusal is clear without the client's name.</remarks>
    [Fact]
    public async Task Book_InvitingAClientOfAnotherCaseload_DoesNotRevealThatClientsName()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var riley = await app.StaffAsync("Clinician");
        var firstName = UniqueName("Secret");
        var rileysClient = await riley.Client.CreateClientAsync(riley.ClinicianId, firstName);

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { Invitees = [new InviteePayload(rileysClient)] });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(firstName, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Book_InvitingOneOfTheClinicsOwnClientsWhoIsNotAMember_Is400OnInvitees_Rule2()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var outsider = await setup.Http.CreateClientAsync(setup.ClinicianId, "Outsider");

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { Invitees = [new InviteePayload(outsider)] });

        await response.AssertFieldErrorAsync("invitees");
    }

    [Fact]
    public async Task Book_AnIndividualAppointmentForAnotherCaseloadsClient_Is403ClientNotYours()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var rileysClient = await riley.Client.CreateClientAsync(riley.ClinicianId);

        var response = await morgan.Client.PostAppointmentAsync(Individual(morgan.ClinicianId, rileysClient));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "client-not-yours");
    }

    [Fact]
    public async Task Book_AnIndividualAppointmentWithoutAClient_Is400OnClientId()
    {
        var morgan = await app.StaffAsync("Clinician");

        var response = await morgan.Client.PostAppointmentAsync(Individual(morgan.ClinicianId, clientId: null));

        await response.AssertFieldErrorAsync("clientId");
    }

    [Fact]
    public async Task Book_AnIndividualAppointmentForAnUnknownClient_Is400OnClientId()
    {
        var morgan = await app.StaffAsync("Clinician");

        var response = await morgan.Client.PostAppointmentAsync(Individual(morgan.ClinicianId, "no-such-client"));

        await response.AssertFieldErrorAsync("clientId");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task Book_OfZeroOrAThousandMinutes_Is400OnDurationMinutes_Rule2(int minutes)
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { DurationMinutes = minutes });

        await response.AssertFieldErrorAsync("durationMinutes");
        await AssertNothingBookedAsync(setup);
    }

    [Fact]
    public async Task Book_WithoutADuration_Is400OnDurationMinutes()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { DurationMinutes = null });

        await response.AssertFieldErrorAsync("durationMinutes");
    }

    [Fact]
    public async Task Book_ARecurrenceWithoutAnEnd_Is400OnRecurrence_Rule4()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { Recurrence = new RecurrencePayload("weekly", 1) });

        await response.AssertFieldErrorAsync("recurrence");
        await AssertNothingBookedAsync(setup);
    }

    [Fact]
    public async Task Book_ARecurrenceWithBothACountAndAnEndDate_Is400OnRecurrence_Rule4()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with
        {
            Recurrence = new RecurrencePayload("weekly", 1, Count: 4, Until: "2027-01-05"),
        });

        await response.AssertFieldErrorAsync("recurrence");
    }

    [Fact]
    public async Task Book_ARecurrenceEveryZeroWeeks_Is400OnInterval_Rule4()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { Recurrence = new RecurrencePayload("weekly", 0, Count: 4) });

        await response.AssertFieldErrorAsync("recurrence.interval");
    }

    [Fact]
    public async Task Book_ARecurrenceOfAnUnknownFrequency_Is400OnFrequency_Rule4()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { Recurrence = new RecurrencePayload("daily", 1, Count: 4) });

        await response.AssertFieldErrorAsync("recurrence.frequency");
    }

    [Fact]
    public async Task Book_ARecurrenceEndingOnAMalformedDate_Is400OnUntil_Rule4()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { Recurrence = new RecurrencePayload("weekly", 1, Until: "5 Jan 2027") });

        await response.AssertFieldErrorAsync("recurrence.until");
    }

    [Theory]
    [InlineData("2026-12-08T10:00:00")]
    [InlineData("2026-12-08 10:00")]
    [InlineData("2026-12-08")]
    [InlineData("next tuesday")]
    [InlineData("")]
    public async Task Book_WithAStartWithoutAnOffset_Is400OnStart(string start)
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session(start));

        await response.AssertFieldErrorAsync("start");
        await AssertNothingBookedAsync(setup);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("family")]
    public async Task Book_WithoutAKnownKind_Is400OnKind(string? kind)
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { Kind = kind });

        await response.AssertFieldErrorAsync("kind");
    }

    [Fact]
    public async Task Book_WithAnUnknownServiceCode_Is400OnServiceCode()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAppointmentAsync(setup.Session() with { ServiceCode = "99999" });

        await response.AssertFieldErrorAsync("serviceCode");
    }

    [Fact]
    public async Task Book_ForAnUnknownClinician_Is400OnClinicianId()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var setup = await app.ClinicianWithGroupAsync();

        var response = await scheduler.Client.PostAppointmentAsync(setup.Session() with { ClinicianId = "no-such-clinician" });

        await response.AssertFieldErrorAsync("clinicianId");
    }

    [Fact]
    public async Task Book_WithADurationOfTheWrongType_Is400NotA500()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var json = $$"""{"kind":"group","clinicianId":"{{setup.ClinicianId}}","serviceCode":"90853","groupId":"{{setup.GroupId}}","start":"{{NextTuesdayAt10}}","durationMinutes":"fifty"}""";

        var response = await setup.Http.PostAsync("/api/v1/appointments", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        await response.AssertFieldErrorAsync("durationMinutes");
        await AssertNothingBookedAsync(setup);
    }

    [Fact]
    public async Task Check_WithBadInput_Is400LikeBooking()
    {
        var setup = await app.ClinicianWithGroupAsync();

        var response = await setup.Http.PostAsJsonAsync("/api/v1/appointments/check", setup.Session() with { DurationMinutes = 0 }, Ct);

        await response.AssertFieldErrorAsync("durationMinutes");
    }

    [Theory]
    [InlineData("?to=2026-12-31", "from")]
    [InlineData("?from=2026-12-01", "to")]
    [InlineData("", "from")]
    [InlineData("?from=December&to=2026-12-31", "from")]
    [InlineData("?from=2026-12-31&to=2026-12-01", "to")]
    public async Task Feed_WithFromOrToMissingMalformedOrReversed_Is400NamingTheField(string query, string field)
    {
        var morgan = await app.StaffAsync("Clinician");

        var response = await morgan.Client.GetAsync($"/api/v1/appointments{query}", Ct);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task Feed_OfOneDay_IsAllowed()
    {
        var morgan = await app.StaffAsync("Clinician");

        var response = await morgan.Client.GetAsync("/api/v1/appointments?from=2026-12-01&to=2026-12-01", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("2026-12-01", "2027-12-31")]
    [InlineData("2026-01-01", "2030-01-01")]
    public async Task Feed_OverMoreThan366Days_Is400OnTo(string from, string to)
    {
        var morgan = await app.StaffAsync("Clinician");

        var response = await morgan.Client.GetAsync($"/api/v1/appointments?from={from}&to={to}", Ct);

        await response.AssertFieldErrorAsync("to");
    }
}

public sealed class AppointmentInputSqliteTests(SqliteApp app) : AppointmentInputTests(app), IClassFixture<SqliteApp>;

public sealed class AppointmentInputPostgresTests(PostgresApp app) : AppointmentInputTests(app), IClassFixture<PostgresApp>;
