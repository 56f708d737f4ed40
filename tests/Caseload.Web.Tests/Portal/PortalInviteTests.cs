using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;

namespace Caseload.Web.Tests.Portal;

/// <summary>Issue 18: staff who may see a client invite them to the portal; the invitation is kept, emailed and audited.</summary>
public abstract class PortalInviteTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invite_ByTheClinician_Is202_AndEmailsALinkToThePortalsSignInPage()
    {
        await app.SetPortalAsync(true);
        var client = await app.ClientWithEmailAsync();

        var response = await client.Clinician.Client.InviteAsync(client.ClientId);
        var email = (await app.Inbox.WaitForAsync(client.Email, 1)).Single();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("http://localhost/portal/sign-in", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("client portal", email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_ByAScheduler_Is202()
    {
        await app.SetPortalAsync(true);
        var client = await app.ClientWithEmailAsync();
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.InviteAsync(client.ClientId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Invite_ByABiller_Is403()
    {
        await app.SetPortalAsync(true);
        var client = await app.ClientWithEmailAsync();
        var biller = await app.StaffAsync("Biller");

        var response = await biller.Client.InviteAsync(client.ClientId);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Invite_AnotherCliniciansClient_Is404_AndSendsNothing()
    {
        await app.SetPortalAsync(true);
        var client = await app.ClientWithEmailAsync();
        var other = await app.StaffAsync("Clinician");

        var response = await other.Client.InviteAsync(client.ClientId);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Empty(app.Inbox.To(client.Email));
    }

    [Fact]
    public async Task Invite_AClientWithoutAnEmail_Is400NamingEmail()
    {
        await app.SetPortalAsync(true);
        var clinician = await app.StaffAsync("Clinician");
        var clientId = await clinician.Client.CreateClientAsync(ClientsApi.NewClient(clinician.ClinicianId) with { Email = null });

        var response = await clinician.Client.InviteAsync(clientId);

        await response.AssertFieldErrorAsync("email");
    }

    [Fact]
    public async Task Invite_WhileThePortalIsOff_Is409PortalOff()
    {
        var client = await app.ClientWithEmailAsync();
        await app.SetPortalAsync(false);

        var response = await client.Clinician.Client.InviteAsync(client.ClientId);
        await app.SetPortalAsync(true);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "portal-off");
    }

    [Fact]
    public async Task Invite_ADischargedClient_Is409()
    {
        await app.SetPortalAsync(true);
        var client = await app.ClientWithEmailAsync();
        await client.Clinician.Client.PostAsync($"/api/v1/clients/{client.ClientId}/discharge", null, Ct);

        var response = await client.Clinician.Client.InviteAsync(client.ClientId);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "client-discharged");
    }

    [Fact]
    public async Task Invite_IsInTheAuditTrail_WithTheStaffMemberAsTheActor()
    {
        var client = await app.InvitedClientAsync();
        using var admin = await app.AdminAsync();

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={client.ClientId}&userId={client.Clinician.UserId}", Ct);

        Assert.Contains(audit.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("action").GetString() == "change" && e.GetProperty("detail").GetString() == "invited to the client portal");
    }

    [Fact]
    public async Task ClientPage_ShowsNotInvited_ThenInvitedOn()
    {
        await app.SetPortalAsync(true);
        var client = await app.ClientWithEmailAsync();
        using var page = await app.SignInWithTheCookieAsync(client.Clinician.Email);
        var before = await page.GetStringAsync($"/Clients/{client.ClientId}", Ct);

        await client.Clinician.Client.InviteAsync(client.ClientId);
        var after = await page.GetStringAsync($"/Clients/{client.ClientId}", Ct);

        Assert.Contains("Not invited", before, StringComparison.Ordinal);
        Assert.Contains("Invite to the client portal", before, StringComparison.Ordinal);
        Assert.Contains("Invited on", after, StringComparison.Ordinal);
        Assert.Contains("Send the invitation again", after, StringComparison.Ordinal);
    }
}

public sealed class PortalInviteSqliteTests(SqliteReminderApp app) : PortalInviteTests(app), IClassFixture<SqliteReminderApp>;

public sealed class PortalInvitePostgresTests(PostgresReminderApp app) : PortalInviteTests(app), IClassFixture<PostgresReminderApp>;

/// <summary>The practice's portal settings over the API: off by default, changed by <c>portal</c>, kept when it is left out.</summary>
public abstract class PortalSettingsTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_WithPortal_SavesIt_AndAPutWithoutPortalKeepsIt()
    {
        using var admin = await app.AdminAsync();
        var practice = await admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/practice", Ct);
        practice!["portal"] = JsonSerializer.SerializeToElement(new { enabled = true, lateCancelHours = 48, offerCutoffHours = 3 });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct)).StatusCode);
        practice.Remove("portal");

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct)).StatusCode);
        var portal = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/practice", Ct)).GetProperty("portal");

        Assert.True(portal.GetProperty("enabled").GetBoolean());
        Assert.Equal(48, portal.GetProperty("lateCancelHours").GetInt32());
        Assert.Equal(3, portal.GetProperty("offerCutoffHours").GetInt32());
    }

    [Fact]
    public async Task Put_ALateCancelWindowBelowZero_Is400NamingPortalLateCancelHours()
    {
        using var admin = await app.AdminAsync();
        var practice = await admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/practice", Ct);
        practice!["portal"] = JsonSerializer.SerializeToElement(new { enabled = true, lateCancelHours = -1 });

        var response = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);

        await response.AssertFieldErrorAsync("portal.lateCancelHours");
    }
}

public sealed class PortalSettingsSqliteTests(SqliteApp app) : PortalSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class PortalSettingsPostgresTests(PostgresApp app) : PortalSettingsTests(app), IClassFixture<PostgresApp>;
