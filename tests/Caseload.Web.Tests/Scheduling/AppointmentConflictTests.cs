using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Scheduling.SchedulingApi;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>Conflict warnings (beyond the original product): returned with the booking and by /check, never a refusal.</summary>
public abstract class AppointmentConflictTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement[] Warnings(JsonElement body) => [.. body.GetProperty("warnings").EnumerateArray()];

    private static async Task<JsonElement[]> CheckAsync(HttpClient http, AppointmentPayload payload)
    {
        var response = await http.PostAsJsonAsync("/api/v1/appointments/check", payload, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return Warnings(await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    [Fact]
    public async Task Book_OverlappingTheClinicsOwnAppointment_IsSavedWithAClinicianDoubleBookedWarning()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var client = await setup.Http.CreateClientAsync(setup.ClinicianId, "Solo");
        var first = await setup.Http.BookOneAsync(setup.Session());

        var body = await setup.Http.BookAsync(Individual(setup.ClinicianId, client, "2026-12-08T10:30:00-05:00"));

        var warning = Assert.Single(Warnings(body));
        Assert.Equal("clinician-double-booked", warning.Text("code"));
        Assert.Equal(first.Id(), warning.Text("appointmentId"));
        Assert.False(string.IsNullOrWhiteSpace(warning.Text("message")));
        Assert.Equal(2, (await setup.Http.FeedAsync("2026-12-08", "2026-12-08")).Length);
    }

    [Fact]
    public async Task Check_OverlappingTheClinicsOwnAppointment_WarnsClinicianDoubleBookedAndSavesNothing()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var client = await setup.Http.CreateClientAsync(setup.ClinicianId, "Solo");
        var first = await setup.Http.BookOneAsync(setup.Session());

        var warnings = await CheckAsync(setup.Http, Individual(setup.ClinicianId, client, "2026-12-08T10:30:00-05:00"));

        var warning = Assert.Single(warnings);
        Assert.Equal("clinician-double-booked", warning.Text("code"));
        Assert.Equal(first.Id(), warning.Text("appointmentId"));
        Assert.Equal([first.Id()], (await setup.Http.FeedAsync("2026-12-08", "2026-12-08")).Ids());
    }

    [Fact]
    public async Task Check_AFreeSlot_HasNoWarnings()
    {
        var setup = await app.ClinicianWithGroupAsync();
        await setup.Http.BookOneAsync(setup.Session());

        Assert.Empty(await CheckAsync(setup.Http, setup.Session("2026-12-08T10:50:00-05:00")));
    }

    [Fact]
    public async Task Book_AGroupMemberAlreadyBookedAtThatTime_WarnsClientDoubleBooked()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var individual = await setup.Http.BookOneAsync(Individual(setup.ClinicianId, setup.Members[0], "2026-12-08T09:30:00-05:00"));

        var body = await setup.Http.BookAsync(setup.Session());

        var warning = Assert.Single(Warnings(body), w => w.Text("code") == "client-double-booked");
        Assert.Equal(individual.Id(), warning.Text("appointmentId"));
    }

    [Fact]
    public async Task Book_TheSameRoomAsAnotherClinicianAtThatTime_WarnsRoomDoubleBooked()
    {
        var morgan = await app.ClinicianWithGroupAsync();
        var riley = await app.ClinicianWithGroupAsync();
        var room = UniqueName("Room ");
        var rileys = await riley.Http.BookOneAsync(riley.Session() with { Location = room });

        var body = await morgan.Http.BookAsync(morgan.Session() with { Location = room });

        var warning = Assert.Single(Warnings(body));
        Assert.Equal("room-double-booked", warning.Text("code"));
        Assert.Equal(rileys.Id(), warning.Text("appointmentId"));
    }

    [Fact]
    public async Task Book_TheSameRoomSpelledInAnotherCase_WarnsRoomDoubleBooked()
    {
        var morgan = await app.ClinicianWithGroupAsync();
        var riley = await app.ClinicianWithGroupAsync();
        var room = UniqueName("Room ");
        await riley.Http.BookOneAsync(riley.Session() with { Location = room });

        var body = await morgan.Http.BookAsync(morgan.Session() with { Location = room.ToUpperInvariant() });

        Assert.Equal("room-double-booked", Assert.Single(Warnings(body)).Text("code"));
    }

    [Fact]
    public async Task Book_TheSameTelehealthLinkAsAnotherClinician_HasNoWarnings()
    {
        var morgan = await app.ClinicianWithGroupAsync();
        var riley = await app.ClinicianWithGroupAsync();
        var link = $"https://meet.example/{Guid.NewGuid():N}";
        await riley.Http.BookOneAsync(riley.Session() with { Location = link });

        var body = await morgan.Http.BookAsync(morgan.Session() with { Location = link });

        Assert.Empty(Warnings(body));
    }

    [Fact]
    public async Task Book_OverACancelledAppointment_HasNoWarnings()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var first = await setup.Http.BookOneAsync(setup.Session());
        Assert.Equal(HttpStatusCode.OK, (await setup.Http.PostAsync($"/api/v1/appointments/{first.Id()}/cancel", null, Ct)).StatusCode);

        var body = await setup.Http.BookAsync(setup.Session());

        Assert.Empty(Warnings(body));
    }

    [Fact]
    public async Task Book_StartingWhenTheLastOneEnds_HasNoWarnings()
    {
        var setup = await app.ClinicianWithGroupAsync();
        await setup.Http.BookOneAsync(setup.Session());

        var body = await setup.Http.BookAsync(setup.Session("2026-12-08T10:50:00-05:00"));

        Assert.Empty(Warnings(body));
    }

    [Fact]
    public async Task Book_ASeriesOverlappingOneExistingSession_WarnsAboutThatOneOccurrence()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var client = await setup.Http.CreateClientAsync(setup.ClinicianId, "Solo");
        var existing = await setup.Http.BookOneAsync(Individual(setup.ClinicianId, client, "2026-12-22T10:15:00-05:00"));

        var body = await setup.Http.BookAsync(setup.Session() with { Recurrence = RecurrencePayload.Weekly(count: 4) });

        var warning = Assert.Single(Warnings(body));
        Assert.Equal("clinician-double-booked", warning.Text("code"));
        Assert.Equal(existing.Id(), warning.Text("appointmentId"));
        Assert.Equal(4, body.Appointments().Length);
    }
}

public sealed class AppointmentConflictSqliteTests(SqliteApp app) : AppointmentConflictTests(app), IClassFixture<SqliteApp>;

public sealed class AppointmentConflictPostgresTests(PostgresApp app) : AppointmentConflictTests(app), IClassFixture<PostgresApp>;
