using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Portal;

/// <summary>Staff switch self-booking on for a group, with its seats, and mark which clients may book it (rule 1 applies).</summary>
public abstract class GroupSelfBookingTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PutSelfBookingAsync(GroupSetup group, object selfBooking) =>
        group.Http.PutAsJsonAsync($"/api/v1/groups/{group.GroupId}", new { name = group.GroupName, serviceCode = "90853", selfBooking }, Ct);

    [Fact]
    public async Task PutGroup_WithSelfBooking_IsReadBackWithItsSeats()
    {
        var group = await app.ClinicianWithGroupAsync(members: 1);

        var response = await PutSelfBookingAsync(group, new { enabled = true, capacity = 8 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var selfBooking = (await group.Http.GetFromJsonAsync<JsonElement>($"/api/v1/groups/{group.GroupId}", Ct)).GetProperty("selfBooking");
        Assert.True(selfBooking.GetProperty("enabled").GetBoolean());
        Assert.Equal(8, selfBooking.GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task PutGroup_WithoutSelfBooking_LeavesItAsItWas()
    {
        var group = await app.ClinicianWithGroupAsync(members: 1);
        await PutSelfBookingAsync(group, new { enabled = true, capacity = 8 });

        var renamed = await group.Http.PutAsJsonAsync($"/api/v1/groups/{group.GroupId}", new { name = group.GroupName + " renamed", serviceCode = "90853" }, Ct);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.True((await renamed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("selfBooking").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task PutGroup_SelfBookingOnWithoutSeats_Is400NamingTheCapacity()
    {
        var group = await app.ClinicianWithGroupAsync(members: 1);

        var response = await PutSelfBookingAsync(group, new { enabled = true });

        await response.AssertFieldErrorAsync("selfBooking.capacity");
    }

    [Fact]
    public async Task PutGroup_WithNoSeats_Is400NamingTheCapacity()
    {
        var group = await app.ClinicianWithGroupAsync(members: 1);

        var response = await PutSelfBookingAsync(group, new { enabled = true, capacity = 0 });

        await response.AssertFieldErrorAsync("selfBooking.capacity");
    }

    [Fact]
    public async Task MarkEligible_OwnClient_IsListedAsEligible()
    {
        var group = await app.ClinicianWithGroupAsync(members: 0);
        var client = await group.Http.CreateClientAsync(group.ClinicianId);

        var response = await group.Http.MarkEligibleAsync(group.GroupId, client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = await group.Http.GetFromJsonAsync<JsonElement>($"/api/v1/groups/{group.GroupId}/eligible", Ct);
        var eligible = Assert.Single(listed.EnumerateArray());
        Assert.Equal(client, eligible.Text("clientId"));
        Assert.Equal(app.Time.GetUtcNow().AddHours(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), eligible.Text("markedOn"));
    }

    [Fact]
    public async Task MarkEligible_AnotherClinicianClient_Is403ClientNotYours_Rule1()
    {
        var group = await app.ClinicianWithGroupAsync(members: 0);
        var other = await app.StaffAsync("Clinician");
        var theirs = await other.Client.CreateClientAsync(other.ClinicianId);
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.MarkEligibleAsync(group.GroupId, theirs);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "client-not-yours");
        Assert.Contains("another clinician's caseload", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Empty((await group.Http.GetFromJsonAsync<JsonElement>($"/api/v1/groups/{group.GroupId}/eligible", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task MarkEligible_Twice_Is409AlreadyEligible()
    {
        var group = await app.ClinicianWithGroupAsync(members: 0);
        var client = await group.Http.CreateClientAsync(group.ClinicianId);
        await group.Http.MarkEligibleAsync(group.GroupId, client);

        var response = await group.Http.MarkEligibleAsync(group.GroupId, client);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "already-eligible");
    }

    [Fact]
    public async Task MarkEligible_OnAnotherCliniciansGroup_Is404()
    {
        var group = await app.ClinicianWithGroupAsync(members: 0);
        var client = await group.Http.CreateClientAsync(group.ClinicianId);
        var other = await app.StaffAsync("Clinician");

        var response = await other.Client.MarkEligibleAsync(group.GroupId, client);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task UnmarkEligible_TakesThemOffTheList()
    {
        var group = await app.ClinicianWithGroupAsync(members: 0);
        var client = await group.Http.CreateClientAsync(group.ClinicianId);
        await group.Http.MarkEligibleAsync(group.GroupId, client);

        var response = await group.Http.DeleteAsync($"/api/v1/groups/{group.GroupId}/eligible/{client}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray());
    }

    [Fact]
    public async Task MarkAndUnmarkEligible_AreAuditedForTheClient()
    {
        var group = await app.ClinicianWithGroupAsync(members: 0);
        var client = await group.Http.CreateClientAsync(group.ClinicianId);

        await group.Http.MarkEligibleAsync(group.GroupId, client);
        await group.Http.DeleteAsync($"/api/v1/groups/{group.GroupId}/eligible/{client}", Ct);

        using var admin = await app.AdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={client}&action=change", Ct);
        var details = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("detail").GetString()).ToList();
        Assert.Contains($"may book {group.GroupName} online", details);
        Assert.Contains($"may no longer book {group.GroupName} online", details);
    }
}

public sealed class GroupSelfBookingSqliteTests(SqliteApp app) : GroupSelfBookingTests(app), IClassFixture<SqliteApp>;

public sealed class GroupSelfBookingPostgresTests(PostgresApp app) : GroupSelfBookingTests(app), IClassFixture<PostgresApp>;
