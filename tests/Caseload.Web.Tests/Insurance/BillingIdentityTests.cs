using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Insurance.InsuranceApi;

namespace Caseload.Web.Tests.Insurance;

/// <summary>The practice's billing provider, clinicians' NPIs and clients' policies and diagnoses: kept, read back, and refused when malformed.</summary>
public abstract class BillingIdentityTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PracticeBillingProvider_IsKept_AndReadBackWithThePractice()
    {
        await app.SetUpClaimsAsync();
        using var admin = await app.AdminAsync();

        var practice = await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct);

        var provider = practice.GetProperty("billingProvider");
        Assert.Equal(PracticeNpi, provider.Text("npi"));
        Assert.Equal("12-3456789", provider.Text("taxId"));
        Assert.Equal("251S00000X", provider.Text("taxonomy"));
        Assert.Equal("NY", provider.GetProperty("address").Text("state"));
        Assert.Equal("CLAIMSWAY", practice.GetProperty("clearinghouse").Text("receiverId"));
    }

    [Fact]
    public async Task PracticeBillingProvider_WithANpiFailingItsCheckDigit_Is400NamingTheField()
    {
        using var admin = await app.AdminAsync();
        var practice = (await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/practice", Ct))!;
        practice["billingProvider"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Harbor", ["npi"] = "1234567890", ["taxId"] = "12-34" };

        var response = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);

        var problem = await response.AssertFieldErrorAsync("billingProvider.npi");
        Assert.True(problem.GetProperty("errors").TryGetProperty("billingProvider.taxId", out _));
    }

    [Fact]
    public async Task ClinicianNpi_SetByTheAdministrator_IsInTheClinicianList()
    {
        var clinician = await app.BillingClinicianAsync();

        var listed = (await clinician.Client.GetFromJsonAsync<JsonElement>("/api/v1/clinicians", Ct)).EnumerateArray()
            .Single(c => c.Text("id") == clinician.ClinicianId);

        Assert.Equal(ClinicianNpi, listed.Text("npi"));
        Assert.Equal("101YM0800X", listed.Text("taxonomy"));
    }

    [Fact]
    public async Task ClinicianNpi_WithABadCheckDigit_Is400NamingNpi()
    {
        var clinician = await app.StaffAsync("Clinician");
        using var admin = await app.AdminAsync();

        var response = await admin.PutAsJsonAsync($"/api/v1/clinicians/{clinician.ClinicianId}", new { npi = "1245319598", taxonomy = "101YM0800X" }, Ct);

        await response.AssertFieldErrorAsync("npi");
    }

    [Fact]
    public async Task ClinicianNpi_SetByTheClinicianThemself_Is403()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.PutAsJsonAsync($"/api/v1/clinicians/{clinician.ClinicianId}", new { npi = ClinicianNpi }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ClientDiagnoses_AreKeptInTheirOrder_WithThePayerId()
    {
        var clinician = await app.StaffAsync("Clinician");
        var clientId = await clinician.Client.CreateInsuredClientAsync(clinician.ClinicianId!, Covered(diagnoses: ["f43.10", "F33.1", "Z63.0"]));

        var billing = (await clinician.Client.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{clientId}", Ct)).GetProperty("billing");

        Assert.Equal(["F43.10", "F33.1", "Z63.0"], billing.GetProperty("diagnosisCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(PayerId, billing.Text("payerId"));
        Assert.Equal("self", billing.Text("subscriberRelationship"));
    }

    [Fact]
    public async Task ClientDiagnosis_NotInTheIcd10Format_Is400NamingItsPosition()
    {
        var clinician = await app.StaffAsync("Clinician");
        var payload = ClientsApi.NewClient(clinician.ClinicianId);

        var response = await clinician.Client.PostAsJsonAsync("/api/v1/clients", new
        {
            payload.FirstName, payload.LastName, payload.DateOfBirth, payload.ClinicianId, payload.Reminders,
            billing = new { mode = "insurance", payer = "Blue Harbor Health", memberId = "M1", copay = 20m, diagnosisCodes = new[] { "F33.1", "depression" } },
        }, Ct);

        await response.AssertFieldErrorAsync("billing.diagnosisCodes[1]");
    }

    [Fact]
    public async Task PolicyHeldBySomeoneElse_WithoutTheirNameAndBirthDate_Is400NamingThem()
    {
        var clinician = await app.StaffAsync("Clinician");
        var clientId = await clinician.Client.CreateInsuredClientAsync(clinician.ClinicianId!, Covered());
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.PutAsJsonAsync($"/api/v1/clients/{clientId}/billing", new
        {
            billing = new { mode = "insurance", payer = "Blue Harbor Health", memberId = "M1", copay = 20m, subscriberRelationship = "spouse" },
        }, Ct);

        var problem = await response.AssertFieldErrorAsync("billing.subscriber.firstName");
        Assert.True(problem.GetProperty("errors").TryGetProperty("billing.subscriber.dateOfBirth", out _));
    }

    [Fact]
    public async Task PolicyHeldByAParent_IsKeptWithTheirNameAndBirthDate()
    {
        var clinician = await app.StaffAsync("Clinician");
        var clientId = await clinician.Client.CreateInsuredClientAsync(clinician.ClinicianId!, Covered());
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.PutAsJsonAsync($"/api/v1/clients/{clientId}/billing", new
        {
            billing = new
            {
                mode = "insurance", payer = "Blue Harbor Health", memberId = "M1", copay = 20m, subscriberRelationship = "child",
                subscriber = new { firstName = "Chidi", lastName = "Okafor", dateOfBirth = "1970-02-03" }, diagnosisCodes = new[] { "F90.0" },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var billing = (await clinician.Client.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{clientId}", Ct)).GetProperty("billing");
        Assert.Equal("child", billing.Text("subscriberRelationship"));
        Assert.Equal("1970-02-03", billing.GetProperty("subscriber").Text("dateOfBirth"));
        Assert.Equal("F90.0", Assert.Single(billing.GetProperty("diagnosisCodes").EnumerateArray()).GetString());
    }
}

public sealed class BillingIdentitySqliteTests(SqliteApp app) : BillingIdentityTests(app), IClassFixture<SqliteApp>;

public sealed class BillingIdentityPostgresTests(PostgresApp app) : BillingIdentityTests(app), IClassFixture<PostgresApp>;
