using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Clients.ClientsApi;

namespace Caseload.Web.Tests.Clients;

/// <summary>Creating, reading, editing, discharging and readmitting a client over the pinned API.</summary>
public abstract class ClientRecordTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> GetClientAsync(HttpClient http, string id) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{id}", Ct);

    [Fact]
    public async Task Create_ByAClinicianForThemself_Is201WithTheLocationOfTheNewClient()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/clients", NewClient(clinician.ClinicianId), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("client").GetProperty("id").GetString();
        Assert.Equal($"/api/v1/clients/{id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsEveryFieldAsSent()
    {
        var clinician = await app.StaffAsync("Clinician");
        var lastName = UniqueName("Lovelace");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Ada", lastName, "1985-04-12") with
        {
            Email = "ada@example.com",
            Mobile = "+1 555 010 2040",
            Reminders = new RemindersPayload(Email: true, Text: true),
        });

        var client = await GetClientAsync(clinician.Client, id);

        Assert.Equal(id, client.GetProperty("id").GetString());
        Assert.Equal("Ada", client.GetProperty("firstName").GetString());
        Assert.Equal(lastName, client.GetProperty("lastName").GetString());
        Assert.Equal("1985-04-12", client.GetProperty("dateOfBirth").GetString());
        Assert.Equal("ada@example.com", client.GetProperty("email").GetString());
        Assert.Equal("+1 555 010 2040", client.GetProperty("mobile").GetString());
        Assert.Equal(clinician.ClinicianId, client.GetProperty("clinicianId").GetString());
        Assert.True(client.GetProperty("reminders").GetProperty("email").GetBoolean());
        Assert.True(client.GetProperty("reminders").GetProperty("text").GetBoolean());
        Assert.Equal("selfPay", client.GetProperty("billing").GetProperty("mode").GetString());
        Assert.True(client.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Create_WithInsurance_KeepsPayerMemberIdAndTheCopayRoundedToCents()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId) with
        {
            Billing = BillingPayload.Insurance(" Blue Harbor Health ", "XKJ-1234", 20.005m),
        });

        var billing = (await GetClientAsync(clinician.Client, id)).GetProperty("billing");

        Assert.Equal("insurance", billing.GetProperty("mode").GetString());
        Assert.Equal("Blue Harbor Health", billing.GetProperty("payer").GetString());
        Assert.Equal("XKJ-1234", billing.GetProperty("memberId").GetString());
        Assert.Equal(20.01m, billing.GetProperty("copay").GetDecimal());
    }

    /// <remarks>API.md: "Money is a JSON number with two decimals."</remarks>
    [Fact]
    public async Task Get_WritesTheCopayAndMissedSessionFeeWithTwoDecimals()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId) with
        {
            Billing = BillingPayload.Insurance("Blue Harbor Health", "XKJ-1234", 25m),
            MissedSessionFee = 40.5m,
        });

        var client = await GetClientAsync(clinician.Client, id);

        Assert.Equal("25.00", client.GetProperty("billing").GetProperty("copay").GetRawText());
        Assert.Equal("40.50", client.GetProperty("missedSessionFee").GetRawText());
    }

    /// <remarks>API.md: "Money is a JSON number with two decimals."</remarks>
    [Fact]
    public async Task PutBilling_AnswersWithTheRateInTwoDecimals()
    {
        var clinician = await app.StaffAsync("Clinician");
        var biller = await app.StaffAsync("Biller");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));

        var response = await biller.Client.PutAsJsonAsync($"/api/v1/clients/{id}/billing", new { billing = BillingPayload.SelfPay(80m) }, Ct);

        var saved = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("80.00", saved.GetProperty("billing").GetProperty("rate").GetRawText());
    }

    [Fact]
    public async Task Create_WithASlidingScaleRate_KeepsTheRate()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId) with { Billing = BillingPayload.SelfPay(45.5m) });

        var billing = (await GetClientAsync(clinician.Client, id)).GetProperty("billing");

        Assert.Equal("selfPay", billing.GetProperty("mode").GetString());
        Assert.Equal(45.50m, billing.GetProperty("rate").GetDecimal());
    }

    [Fact]
    public async Task Create_WithTheSameNameAndDateOfBirthAsAnotherClient_Is201WithAPossibleDuplicateWarning()
    {
        var clinician = await app.StaffAsync("Clinician");
        var lastName = UniqueName("Hopper");
        var first = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Grace", lastName, "1990-12-09"));

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/clients", NewClient(clinician.ClinicianId, "Grace", lastName, "1990-12-09"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var warning = Assert.Single(body.GetProperty("warnings").EnumerateArray());
        Assert.Equal("possible-duplicate", warning.GetProperty("code").GetString());
        Assert.Equal(first, warning.GetProperty("clientId").GetString());
        Assert.NotEqual(first, body.GetProperty("client").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Create_WithTheSameNameInAnotherCaseAndTheSameDateOfBirth_IsStillAPossibleDuplicate()
    {
        var clinician = await app.StaffAsync("Clinician");
        var lastName = UniqueName("Hopper");
        await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Grace", lastName, "1990-12-09"));

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/clients",
            NewClient(clinician.ClinicianId, " GRACE ", lastName.ToUpperInvariant(), "1990-12-09"), Ct);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("possible-duplicate", Assert.Single(body.GetProperty("warnings").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Create_WithTheSameNameButAnotherDateOfBirth_HasNoWarning()
    {
        var clinician = await app.StaffAsync("Clinician");
        var lastName = UniqueName("Hopper");
        await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Grace", lastName, "1990-12-09"));

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/clients", NewClient(clinician.ClinicianId, "Grace", lastName, "1991-12-09"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task Get_AnUnknownId_Is404()
    {
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync("/api/v1/clients/no-such-client", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Put_ChangesTheDetails()
    {
        var clinician = await app.StaffAsync("Clinician");
        var lastName = UniqueName("King");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));

        var response = await clinician.Client.PutAsJsonAsync($"/api/v1/clients/{id}", NewClient(clinician.ClinicianId, "Augusta", lastName, "1986-05-13") with
        {
            Email = "augusta@example.com",
            Reminders = new RemindersPayload(Email: true, Text: false),
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var client = await GetClientAsync(clinician.Client, id);
        Assert.Equal("Augusta", client.GetProperty("firstName").GetString());
        Assert.Equal(lastName, client.GetProperty("lastName").GetString());
        Assert.Equal("1986-05-13", client.GetProperty("dateOfBirth").GetString());
        Assert.Equal("augusta@example.com", client.GetProperty("email").GetString());
        Assert.True(client.GetProperty("reminders").GetProperty("email").GetBoolean());
    }

    [Fact]
    public async Task Put_WithBadInput_Is400AndLeavesTheClientAsItWas()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Ada"));
        var before = await clinician.Client.GetStringAsync($"/api/v1/clients/{id}", Ct);

        var response = await clinician.Client.PutAsJsonAsync($"/api/v1/clients/{id}", NewClient(clinician.ClinicianId, "Augusta") with { Email = "broken" }, Ct);

        await response.AssertFieldErrorAsync("email");
        Assert.Equal(before, await clinician.Client.GetStringAsync($"/api/v1/clients/{id}", Ct));
    }

    [Fact]
    public async Task Put_AnUnknownId_Is404()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PutAsJsonAsync("/api/v1/clients/no-such-client", NewClient(clinician.ClinicianId), Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task PutBilling_ByABiller_SwitchesToInsuranceAndLeavesTheRestAlone()
    {
        var clinician = await app.StaffAsync("Clinician");
        var biller = await app.StaffAsync("Biller");
        var lastName = UniqueName("Lovelace");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Ada", lastName));

        var response = await biller.Client.PutAsJsonAsync($"/api/v1/clients/{id}/billing",
            new { billing = BillingPayload.Insurance("Blue Harbor Health", "XKJ-1234", 25m), missedSessionFee = 40m }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var client = await GetClientAsync(clinician.Client, id);
        Assert.Equal("insurance", client.GetProperty("billing").GetProperty("mode").GetString());
        Assert.Equal("Blue Harbor Health", client.GetProperty("billing").GetProperty("payer").GetString());
        Assert.Equal(25m, client.GetProperty("billing").GetProperty("copay").GetDecimal());
        Assert.Equal(40m, client.GetProperty("missedSessionFee").GetDecimal());
        Assert.Equal(lastName, client.GetProperty("lastName").GetString());
    }

    [Fact]
    public async Task PutBilling_InsuranceWithoutAPayer_Is400NamingBillingPayerAndChangesNothing()
    {
        var clinician = await app.StaffAsync("Clinician");
        var biller = await app.StaffAsync("Biller");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));

        var response = await biller.Client.PutAsJsonAsync($"/api/v1/clients/{id}/billing",
            new { billing = BillingPayload.Insurance(null, "XKJ-1234", 25m) }, Ct);

        await response.AssertFieldErrorAsync("billing.payer");
        Assert.Equal("selfPay", (await GetClientAsync(clinician.Client, id)).GetProperty("billing").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task PutBilling_AnUnknownId_Is404()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.PutAsJsonAsync("/api/v1/clients/no-such-client/billing", new { billing = BillingPayload.SelfPay() }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Discharge_Is204AndTheClientIsInactiveFromToday()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));

        var response = await clinician.Client.PostAsync($"/api/v1/clients/{id}/discharge", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var client = await GetClientAsync(clinician.Client, id);
        Assert.False(client.GetProperty("active").GetBoolean());
        Assert.Equal("2026-12-01", client.GetProperty("dischargedOn").GetString());
    }

    [Fact]
    public async Task Discharge_Twice_Is409AlreadyDischarged()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));
        await clinician.Client.PostAsync($"/api/v1/clients/{id}/discharge", null, Ct);

        var response = await clinician.Client.PostAsync($"/api/v1/clients/{id}/discharge", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "already-discharged");
    }

    [Fact]
    public async Task Readmit_ADischargedClient_MakesThemActiveAgain()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));
        await clinician.Client.PostAsync($"/api/v1/clients/{id}/discharge", null, Ct);

        var response = await clinician.Client.PostAsync($"/api/v1/clients/{id}/readmit", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var client = await GetClientAsync(clinician.Client, id);
        Assert.True(client.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, client.GetProperty("dischargedOn").ValueKind);
    }

    [Fact]
    public async Task Discharge_AnUnknownId_Is404()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PostAsync("/api/v1/clients/no-such-client/discharge", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class ClientRecordSqliteTests(SqliteApp app) : ClientRecordTests(app), IClassFixture<SqliteApp>;

public sealed class ClientRecordPostgresTests(PostgresApp app) : ClientRecordTests(app), IClassFixture<PostgresApp>;
