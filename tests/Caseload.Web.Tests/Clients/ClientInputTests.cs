using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Clients.ClientsApi;

namespace Caseload.Web.Tests.Clients;

/// <summary>Bad input is a 400 problem naming each field at fault, and nothing is saved.</summary>
public abstract class ClientInputTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts the client as an administrator, checks the 400 names the field, and that no client of that name exists.</summary>
    private async Task<JsonElement> AssertRefusedAsync(Func<string, ClientPayload> payload, string field)
    {
        var admin = await app.AdminAsync();
        var riley = await app.StaffAsync("Clinician");
        var lastName = UniqueName();

        var response = await admin.PostAsJsonAsync("/api/v1/clients", payload(riley.ClinicianId!) with { LastName = lastName }, Ct);

        var body = await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, (await admin.ClientListAsync($"?q={lastName}&status=all")).GetProperty("total").GetInt32());
        return body;
    }

    [Fact]
    public Task Create_WithoutAFirstName_Is400NamingFirstName() =>
        AssertRefusedAsync(clinician => NewClient(clinician) with { FirstName = " " }, "firstName");

    [Fact]
    public Task Create_WithAnImpossibleDateOfBirth_Is400NamingDateOfBirth() =>
        AssertRefusedAsync(clinician => NewClient(clinician, dateOfBirth: "1990-13-45"), "dateOfBirth");

    [Fact]
    public Task Create_WithADateOfBirthInAnotherFormat_Is400NamingDateOfBirth() =>
        AssertRefusedAsync(clinician => NewClient(clinician, dateOfBirth: "04/12/1985"), "dateOfBirth");

    [Fact]
    public Task Create_WithADateOfBirthTomorrow_Is400NamingDateOfBirth() =>
        AssertRefusedAsync(clinician => NewClient(clinician, dateOfBirth: "2026-12-02"), "dateOfBirth");

    [Fact]
    public async Task Create_WithADateOfBirthOfToday_IsAccepted()
    {
        var admin = await app.AdminAsync();
        var riley = await app.StaffAsync("Clinician");

        var response = await admin.PostAsJsonAsync("/api/v1/clients", NewClient(riley.ClinicianId, dateOfBirth: "2026-12-01"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public Task Create_WithABadEmail_Is400NamingEmail() =>
        AssertRefusedAsync(clinician => NewClient(clinician) with { Email = "ada-at-example" }, "email");

    [Fact]
    public Task Create_WithEmailRemindersButNoEmail_Is400NamingEmail() =>
        AssertRefusedAsync(clinician => NewClient(clinician) with { Email = null, Reminders = new RemindersPayload(Email: true, Text: false) }, "email");

    [Fact]
    public Task Create_WithTextRemindersButNoMobile_Is400NamingMobile() =>
        AssertRefusedAsync(clinician => NewClient(clinician) with { Mobile = null, Reminders = new RemindersPayload(Email: false, Text: true) }, "mobile");

    [Fact]
    public Task Create_WithInsuranceButNoPayer_Is400NamingBillingPayer() =>
        AssertRefusedAsync(clinician => NewClient(clinician) with { Billing = BillingPayload.Insurance(null, "XKJ-1234", 20m) }, "billing.payer");

    [Fact]
    public async Task Create_WithInsuranceButNothingElse_NamesPayerMemberIdAndCopay()
    {
        var body = await AssertRefusedAsync(clinician => NewClient(clinician) with { Billing = new BillingPayload("insurance") }, "billing.payer");

        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("billing.memberId", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("billing.copay", out _), errors.ToString());
    }

    [Fact]
    public Task Create_WithAnUnknownBillingMode_Is400NamingBillingMode() =>
        AssertRefusedAsync(clinician => NewClient(clinician) with { Billing = new BillingPayload("barter") }, "billing.mode");

    [Fact]
    public Task Create_WithANegativeMissedSessionFee_Is400NamingMissedSessionFee() =>
        AssertRefusedAsync(clinician => NewClient(clinician) with { MissedSessionFee = -5m }, "missedSessionFee");

    [Fact]
    public Task Create_WithoutAClinician_Is400NamingClinicianId() =>
        AssertRefusedAsync(_ => NewClient(null), "clinicianId");

    [Fact]
    public Task Create_ForAnUnknownClinician_Is400NamingClinicianId() =>
        AssertRefusedAsync(_ => NewClient("no-such-clinician"), "clinicianId");

    [Fact]
    public async Task Create_WithSeveralBadFields_NamesEachOfThem()
    {
        var body = await AssertRefusedAsync(clinician => NewClient(clinician) with { FirstName = "", Email = "nope" }, "firstName");

        Assert.True(body.GetProperty("errors").TryGetProperty("email", out _), body.ToString());
    }

    /// <summary>A form that fails on an unreadable date should still show every other mistake at once.</summary>
    [Fact]
    public async Task Create_WithAnUnreadableDateOfBirthAndOtherBadFields_NamesEachOfThem()
    {
        var body = await AssertRefusedAsync(clinician => NewClient(clinician, dateOfBirth: "1990-13-45") with { FirstName = "" }, "dateOfBirth");

        Assert.True(body.GetProperty("errors").TryGetProperty("firstName", out _), body.ToString());
    }

    [Fact]
    public async Task Create_WithAFieldOfTheWrongType_Is400NamingTheField()
    {
        var admin = await app.AdminAsync();
        using var content = new StringContent(
            """{"firstName":"Ada","lastName":"Lovelace","dateOfBirth":"1985-04-12","clinicianId":"x","reminders":{"email":"yes","text":false}}""",
            Encoding.UTF8, "application/json");

        var response = await admin.PostAsync("/api/v1/clients", content, Ct);

        await response.AssertFieldErrorAsync("reminders.email");
    }

    [Fact]
    public async Task Create_WithMalformedJson_Is400ProblemDetails()
    {
        var admin = await app.AdminAsync();
        using var content = new StringContent("{\"firstName\": ", Encoding.UTF8, "application/json");

        var response = await admin.PostAsync("/api/v1/clients", content, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
    }
}

public sealed class ClientInputSqliteTests(SqliteApp app) : ClientInputTests(app), IClassFixture<SqliteApp>;

public sealed class ClientInputPostgresTests(PostgresApp app) : ClientInputTests(app), IClassFixture<PostgresApp>;
