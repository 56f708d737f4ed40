using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Insurance.InsuranceApi;

namespace Caseload.Web.Tests.Insurance;

/// <summary>One claim per insured service invoice, with its lines, what is missing, and the invoice's fate (void, missed: rule 7).</summary>
public abstract class ClaimTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(InsuredGroup Group, JsonElement Appointment)> SessionTodayAsync(object billing, string location = "Room 4")
    {
        await app.SetUpClaimsAsync();
        var group = await app.InsuredGroupAsync(billing);
        var appointment = await group.Http.BookOneAsync(group.Session(BillingApi.At(app, 0, hour: 9), location));
        return (group, appointment);
    }

    [Fact]
    public async Task InsuredSession_MakesOneReadyClaimForTheWholeFee_AtTheOffice()
    {
        var (group, appointment) = await SessionTodayAsync(Covered(copay: 20m));
        var invoice = await group.Http.OnlyInvoiceAsync(appointment.Id());

        var claim = await group.Http.OnlyClaimAsync(group.Members[0]);

        Assert.Equal("ready", claim.Text("status"));
        Assert.Equal(invoice.Text("id"), claim.Text("invoiceId"));
        Assert.Equal(BillingApi.Payer, claim.Text("payer"));
        Assert.Equal(60.00m, claim.Money("total"));
        Assert.Equal(40.00m, claim.Money("payerBalance"));
        Assert.Equal("11", claim.Text("placeOfService"));
        Assert.Equal(group.ClinicianId, claim.Text("clinicianId"));
        Assert.InRange(claim.Text("number").Length, 1, 20);
        var line = Assert.Single(claim.GetProperty("lines").EnumerateArray());
        Assert.Equal("90853", line.Text("serviceCode"));
        Assert.Equal(app.Day(0), line.Text("date"));
        Assert.Equal(1, line.GetProperty("units").GetInt32());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("modifier").ValueKind);
        Assert.Empty(claim.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task TelehealthSession_IsClaimedAtPlace02_WithModifier95()
    {
        var (group, _) = await SessionTodayAsync(Covered(), location: "https://video.example.com/room/harbor");

        var claim = await group.Http.OnlyClaimAsync(group.Members[0]);

        Assert.Equal("02", claim.Text("placeOfService"));
        Assert.Equal("95", Assert.Single(claim.GetProperty("lines").EnumerateArray()).Text("modifier"));
    }

    [Fact]
    public async Task CopayCoveringTheWholeFee_IsStillClaimed_WithNothingOwedByThePayer()
    {
        var (group, _) = await SessionTodayAsync(Covered(copay: 75m));

        var claim = await group.Http.OnlyClaimAsync(group.Members[0]);

        Assert.Equal(60.00m, claim.Money("total"));
        Assert.Equal(0.00m, claim.Money("payerBalance"));
    }

    [Fact]
    public async Task SelfPayClient_HasNoClaim()
    {
        var (group, appointment) = await SessionTodayAsync(new { mode = "selfPay" });

        Assert.Single(await group.Http.InvoicesAsync(appointmentId: appointment.Id()));
        Assert.Empty(await group.Http.ClaimsAsync(group.Members[0]));
    }

    [Fact]
    public async Task MissedSession_VoidsTheClaim_AndTheMissedChargeIsNeverClaimed_Rule7()
    {
        var (group, appointment) = await SessionTodayAsync(Covered());

        var missed = await group.Http.MarkMissedAsync(appointment.Id(), group.Members[0], "No-show", 40m);

        Assert.Equal(HttpStatusCode.OK, missed.StatusCode);
        var claim = Assert.Single(await group.Http.ClaimsAsync(group.Members[0]));
        Assert.Equal("void", claim.Text("status"));
        var missedInvoice = Assert.Single(await group.Http.InvoicesAsync(appointmentId: appointment.Id()), i => i.Text("kind") == "missed");
        Assert.NotEqual(missedInvoice.Text("id"), claim.Text("invoiceId"));
    }

    [Fact]
    public async Task VoidingTheInvoice_VoidsItsUnpaidClaim()
    {
        var (group, appointment) = await SessionTodayAsync(Covered());
        var invoice = await group.Http.OnlyInvoiceAsync(appointment.Id());
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.VoidAsync(invoice.Text("id"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("void", Assert.Single(await biller.Client.ClaimsAsync(group.Members[0])).Text("status"));
    }

    [Fact]
    public async Task ClaimLackingDiagnosesAndPayerId_IsReadyButNotComplete_NamingWhatIsMissing()
    {
        var (group, _) = await SessionTodayAsync(Covered(diagnoses: [], payerId: null));

        var claim = await group.Http.OnlyClaimAsync(group.Members[0]);

        Assert.Equal("ready", claim.Text("status"));
        Assert.False(claim.GetProperty("complete").GetBoolean());
        var fields = claim.GetProperty("problems").EnumerateArray().Select(p => p.Text("field")).ToList();
        Assert.Contains("diagnosisCodes", fields);
        Assert.Contains("payer.payerId", fields);
        Assert.Contains(await group.Http.ClaimsAsync(status: "incomplete"), c => c.Text("id") == claim.Text("id"));
        Assert.Contains(await group.Http.ClaimsAsync(status: "ready"), c => c.Text("id") == claim.Text("id"));
    }

    [Fact]
    public async Task ClaimOfAClinicianWithoutNpi_IsRefusedForABatch_409NamingTheField()
    {
        await app.SetUpClaimsAsync();
        var clinician = await app.StaffAsync("Clinician");
        var clientId = await clinician.Client.CreateInsuredClientAsync(clinician.ClinicianId!, Covered());
        await clinician.Client.BookOneAsync(new AppointmentPayload("individual", clinician.ClinicianId, "90853", null, clientId, BillingApi.At(app, 0), 50, "Room 4"));
        var biller = await app.StaffAsync("Biller");
        var claim = await biller.Client.OnlyClaimAsync(clientId);

        var response = await biller.Client.BatchAsync(claim.Text("id"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "claim-incomplete");
        Assert.True(problem.GetProperty("errors").TryGetProperty($"claims[{claim.Text("number")}].renderingProvider.npi", out _), problem.ToString());
        Assert.False((await biller.Client.OnlyClaimAsync(clientId)).GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task FixingTheMissingDiagnosis_MakesTheOpenClaimReady()
    {
        var (group, _) = await SessionTodayAsync(Covered(diagnoses: []));
        var biller = await app.StaffAsync("Biller");

        var fixedBilling = await biller.Client.PutAsJsonAsync($"/api/v1/clients/{group.Members[0]}/billing", new { billing = Covered(diagnoses: ["F33.1"]) }, Ct);

        Assert.Equal(HttpStatusCode.OK, fixedBilling.StatusCode);
        var claim = await biller.Client.OnlyClaimAsync(group.Members[0]);
        Assert.True(claim.GetProperty("complete").GetBoolean());
        Assert.Empty(claim.GetProperty("problems").EnumerateArray());
        Assert.Equal(["F33.1"], claim.GetProperty("diagnosisCodes").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Clinician_SeesTheirOwnClientsClaims_AndNotAnotherClinicians()
    {
        var (mine, _) = await SessionTodayAsync(Covered());
        var (theirs, _) = await SessionTodayAsync(Covered());

        var all = await mine.Http.ClaimsAsync();
        var filtered = await mine.Http.ClaimsAsync(theirs.Members[0]);
        var theirClaim = await theirs.Http.OnlyClaimAsync(theirs.Members[0]);
        var single = await mine.Http.GetAsync($"/api/v1/claims/{theirClaim.Text("id")}", Ct);

        Assert.Contains(all, c => c.Text("clientId") == mine.Members[0]);
        Assert.DoesNotContain(all, c => c.Text("clientId") == theirs.Members[0]);
        Assert.Empty(filtered);
        await single.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Clinician_BatchingClaims_Is403()
    {
        var (group, _) = await SessionTodayAsync(Covered());
        var claim = await group.Http.OnlyClaimAsync(group.Members[0]);

        var response = await group.Http.BatchAsync(claim.Text("id"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ClaimList_WithAnUnknownStatus_Is400NamingStatus()
    {
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.GetAsync("/api/v1/claims?status=lost", Ct);

        await response.AssertFieldErrorAsync("status");
    }
}

public sealed class ClaimSqliteTests(SqliteApp app) : ClaimTests(app), IClassFixture<SqliteApp>;

public sealed class ClaimPostgresTests(PostgresApp app) : ClaimTests(app), IClassFixture<PostgresApp>;
