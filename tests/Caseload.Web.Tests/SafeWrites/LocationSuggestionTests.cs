using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.SafeWrites;

/// <summary>
/// Issue 12, finding 2: a location is free text that may name a client and an address, so the booking window
/// suggests only the practice's rooms and the caller's own past locations.
/// </summary>
public abstract class LocationSuggestionTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> NewAppointmentPageAsync(HttpClient http, string? clinicianId = null) =>
        await http.GetStringAsync("/Appointments/New" + (clinicianId is null ? "" : $"?clinicianId={clinicianId}"), Ct);

    private async Task<BilledClient> BookedAtAsync(string location)
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        await client.Http.BookOneAsync(client.Session(BillingApi.At(app, 7), location));
        return client;
    }

    [Fact]
    public async Task AClinician_NeverSeesAnotherClinicsLocationText_InTheSuggestions()
    {
        var secret = "Home visit - " + ClientsApi.UniqueName("Roe") + ", 12 Elm St";
        await BookedAtAsync(secret);
        var other = await app.StaffAsync("Clinician");

        var page = await NewAppointmentPageAsync(other.Client);

        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClinician_SeesTheirOwnPastLocations_InTheSuggestions()
    {
        var own = "Home visit - " + ClientsApi.UniqueName("Doe");
        var clinician = await BookedAtAsync(own);

        var page = await NewAppointmentPageAsync(clinician.Http);

        Assert.Contains($"<option value=\"{own}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrontDesk_ActingForAClinician_SeesThatClinciansLocationsOnly()
    {
        var mine = "Home visit - " + ClientsApi.UniqueName("Mine");
        var theirs = "Home visit - " + ClientsApi.UniqueName("Theirs");
        var forThem = await BookedAtAsync(mine);
        await BookedAtAsync(theirs);
        var frontDesk = await app.StaffAsync("Scheduler");

        var page = await NewAppointmentPageAsync(frontDesk.Client, forThem.ClinicianId);

        Assert.Contains($"<option value=\"{mine}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePracticesRooms_AreSuggestedToEveryone_AndReadBackFromTheApi()
    {
        var admin = await app.AdminAsync();
        var practice = JsonNode.Parse(await admin.GetStringAsync("/api/v1/practice", Ct))!;
        var room = "Room " + ClientsApi.UniqueName("Blue");
        practice["rooms"] = new JsonArray("Room 1", room);
        var saved = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var clinician = await app.StaffAsync("Clinician");

        var page = await NewAppointmentPageAsync(clinician.Client);

        Assert.Contains($"<option value=\"{room}\"", page, StringComparison.Ordinal);
        Assert.Contains(room, await admin.GetStringAsync("/api/v1/practice", Ct), StringComparison.Ordinal);
    }
}

public sealed class LocationSuggestionSqliteTests(SqliteApp app) : LocationSuggestionTests(app), IClassFixture<SqliteApp>;

public sealed class LocationSuggestionPostgresTests(PostgresApp app) : LocationSuggestionTests(app), IClassFixture<PostgresApp>;
