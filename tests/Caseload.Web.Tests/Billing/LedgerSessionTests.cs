using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Billing;

/// <summary>
/// Money in context: each line of a client's ledger names the session it is for (date, time, group or
/// individual) and links back to the appointment, on the page and in <c>GET /api/v1/clients/{id}/ledger</c>.
/// Sessions are today at 18:00, so their invoices are issued when they are saved (rule 9).
/// </summary>
public abstract class LedgerSessionTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> LedgerAsync(HttpClient http, string clientId) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{clientId}/ledger", Ct);

    private static JsonElement SessionOfOnlyInvoice(JsonElement ledger) =>
        Assert.Single(ledger.GetProperty("invoices").EnumerateArray()).GetProperty("session");

    [Fact]
    public async Task Ledger_GroupSessionInvoice_CarriesTheSessionsDateTimeAndGroup_AndItsAppointment()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);
        var booked = await setup.BookedAsync(app.StartOf(SessionDay.Today));

        var session = SessionOfOnlyInvoice(await LedgerAsync(setup.Http, setup.Members[0]));

        Assert.Equal(booked.Id, session.Text("appointmentId"));
        Assert.Equal("2026-12-01", session.Text("localDate"));
        Assert.Equal("18:00", session.Text("localTime"));
        Assert.Equal("2026-12-01T18:00:00-05:00", session.Text("start"));
        Assert.Equal("group", session.Text("kind"));
        Assert.Equal(setup.GroupId, session.Text("groupId"));
        Assert.Equal(setup.GroupName, session.Text("groupName"));
    }

    [Fact]
    public async Task Ledger_IndividualSessionInvoice_SaysIndividual_WithoutAGroup()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);
        var client = setup.Members[0];
        var booked = await setup.Http.BookOneAsync(SchedulingApi.Individual(setup.ClinicianId, client, app.StartOf(SessionDay.Today)));

        var session = SessionOfOnlyInvoice(await LedgerAsync(setup.Http, client));

        Assert.Equal(booked.Id(), session.Text("appointmentId"));
        Assert.Equal("individual", session.Text("kind"));
        Assert.Equal(JsonValueKind.Null, session.GetProperty("groupName").ValueKind);
    }

    [Fact]
    public async Task InvoiceList_KeepsItsShape_WithoutASession()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);
        var booked = await setup.BookedAsync(app.StartOf(SessionDay.Today));

        var invoice = Assert.Single(await setup.Http.InvoicesOfAsync(booked.Id));

        Assert.False(invoice.TryGetProperty("session", out _));
    }

    [Fact]
    public async Task LedgerPage_ShowsEachInvoicesSessionWithTheGroup_LinkedToTheAppointment()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);
        var booked = await setup.BookedAsync(app.StartOf(SessionDay.Today));
        var browser = await app.SignInWithTheCookieAsync(setup.Clinician.Email);

        var response = await browser.GetAsync($"/Clients/{setup.Members[0]}/Ledger", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"href=\"/Appointments/{booked.Id}\" data-testid=\"ledger-session\">Tue 12/01/2026 6:00 PM</a>", html, StringComparison.Ordinal);
        Assert.Contains(setup.GroupName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_OfAnotherClinicansClient_Is404_AndRevealsNoSession()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 1);
        await setup.BookedAsync(app.StartOf(SessionDay.Today));
        var other = await app.StaffAsync("Clinician");

        var response = await other.Client.GetAsync($"/api/v1/clients/{setup.Members[0]}/ledger", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class LedgerSessionSqliteTests(SqliteApp app) : LedgerSessionTests(app), IClassFixture<SqliteApp>;

public sealed class LedgerSessionPostgresTests(PostgresApp app) : LedgerSessionTests(app), IClassFixture<PostgresApp>;
