using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Clients.ClientsApi;

namespace Caseload.Web.Tests.Clients;

/// <summary>Rule 1 and the roles table: who may see and change which clients.</summary>
public abstract class ClientAccessTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_AnotherClinicsClient_Is404NotFoundRatherThan403()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var rileysClient = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var response = await morgan.Client.GetAsync($"/api/v1/clients/{rileysClient}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task List_ForAClinician_HoldsOnlyTheirOwnClients()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var mine = await morgan.Client.CreateClientAsync(NewClient(morgan.ClinicianId));
        await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var page = await morgan.Client.ClientListAsync("?status=all");

        Assert.Equal([mine], page.Ids());
        Assert.Equal(1, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_ForAClinicianFilteringByAnotherClinician_IsEmpty()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var page = await morgan.Client.ClientListAsync($"?clinicianId={riley.ClinicianId}");

        Assert.Empty(page.Ids());
        Assert.Equal(0, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Create_ByAClinicianForAnotherClinician_Is403ClinicianNotYoursAndSavesNothing()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var lastName = UniqueName();

        var response = await morgan.Client.PostAsJsonAsync("/api/v1/clients", NewClient(riley.ClinicianId, lastName: lastName), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "clinician-not-yours");
        Assert.Equal(0, (await (await app.AdminAsync()).ClientListAsync($"?q={lastName}&status=all")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Administrator")]
    public async Task Create_ByFrontDeskOrAdministrator_ForAnyClinician_Is201OnThatCaseload(string role)
    {
        var staff = await app.StaffAsync(role);
        var riley = await app.StaffAsync("Clinician");

        var id = await staff.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var client = await riley.Client.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{id}", Ct);
        Assert.Equal(riley.ClinicianId, client.GetProperty("clinicianId").GetString());
    }

    [Theory]
    [InlineData("Scheduler")]
    [InlineData("Administrator")]
    public async Task Get_ByFrontDeskOrAdministrator_AnyClinicsClient_Is200(string role)
    {
        var staff = await app.StaffAsync(role);
        var riley = await app.StaffAsync("Clinician");
        var id = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId, "Grace"));

        var response = await staff.Client.GetAsync($"/api/v1/clients/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Grace", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task List_ForAScheduler_HoldsEveryClinicsClients()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var lastName = UniqueName();
        var morgans = await morgan.Client.CreateClientAsync(NewClient(morgan.ClinicianId, "Ada", lastName));
        var rileys = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId, "Grace", lastName));

        var page = await scheduler.Client.ClientListAsync($"?q={lastName}");

        Assert.Equal(new HashSet<string> { morgans, rileys }, page.Ids().ToHashSet());
    }

    [Fact]
    public async Task List_ForASchedulerFilteringByClinician_HoldsOnlyThatClinicsClients()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var morgans = await morgan.Client.CreateClientAsync(NewClient(morgan.ClinicianId));
        await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var page = await scheduler.Client.ClientListAsync($"?clinicianId={morgan.ClinicianId}");

        Assert.Equal([morgans], page.Ids());
    }

    [Fact]
    public async Task GetAndList_ByABiller_SeeAnyClinicsClient()
    {
        var biller = await app.StaffAsync("Biller");
        var riley = await app.StaffAsync("Clinician");
        var lastName = UniqueName();
        var id = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId, lastName: lastName));

        var get = await biller.Client.GetAsync($"/api/v1/clients/{id}", Ct);
        var page = await biller.Client.ClientListAsync($"?q={lastName}");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal([id], page.Ids());
    }

    [Fact]
    public async Task Create_ByABiller_Is403()
    {
        var biller = await app.StaffAsync("Biller");
        var riley = await app.StaffAsync("Clinician");

        var response = await biller.Client.PostAsJsonAsync("/api/v1/clients", NewClient(riley.ClinicianId), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Put_ByABiller_Is403AndChangesNothing()
    {
        var biller = await app.StaffAsync("Biller");
        var riley = await app.StaffAsync("Clinician");
        var id = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId, "Ada"));

        var response = await biller.Client.PutAsJsonAsync($"/api/v1/clients/{id}", NewClient(riley.ClinicianId, "Augusta"), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("Ada", (await riley.Client.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{id}", Ct)).GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Discharge_ByABiller_Is403()
    {
        var biller = await app.StaffAsync("Biller");
        var riley = await app.StaffAsync("Clinician");
        var id = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var response = await biller.Client.PostAsync($"/api/v1/clients/{id}/discharge", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Put_AnotherClinicsClient_Is404AndChangesNothing()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var id = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId, "Ada"));

        var response = await morgan.Client.PutAsJsonAsync($"/api/v1/clients/{id}", NewClient(riley.ClinicianId, "Augusta"), Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal("Ada", (await riley.Client.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{id}", Ct)).GetProperty("firstName").GetString());
    }

    [Theory]
    [InlineData("discharge")]
    [InlineData("readmit")]
    public async Task DischargeOrReadmit_AnotherClinicsClient_Is404(string action)
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var id = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId));

        var response = await morgan.Client.PostAsync($"/api/v1/clients/{id}/{action}", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Put_ByAClinicianMovingTheirClientToAnotherClinician_Is403ClinicianNotYours()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var id = await morgan.Client.CreateClientAsync(NewClient(morgan.ClinicianId));

        var response = await morgan.Client.PutAsJsonAsync($"/api/v1/clients/{id}", NewClient(riley.ClinicianId), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "clinician-not-yours");
        Assert.Equal(morgan.ClinicianId, (await morgan.Client.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{id}", Ct)).GetProperty("clinicianId").GetString());
    }

    [Fact]
    public async Task Put_ByASchedulerMovingAClient_TransfersThemOutOfTheOldCaseload()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var id = await morgan.Client.CreateClientAsync(NewClient(morgan.ClinicianId));

        var response = await scheduler.Client.PutAsJsonAsync($"/api/v1/clients/{id}", NewClient(riley.ClinicianId), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await morgan.Client.GetAsync($"/api/v1/clients/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await riley.Client.GetAsync($"/api/v1/clients/{id}", Ct)).StatusCode);
    }

    /// <remarks>The duplicate check compares only records the asker may see: a warning would tell a clinician that
    /// someone of that name and birth date is on another caseload.</remarks>
    [Fact]
    public async Task Create_ByAClinician_ASameNamedClientOnAnotherCaseload_GivesNoWarning()
    {
        var morgan = await app.StaffAsync("Clinician");
        var riley = await app.StaffAsync("Clinician");
        var lastName = UniqueName("Hopper");
        await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId, "Grace", lastName, "1990-12-09"));

        var response = await morgan.Client.PostAsJsonAsync("/api/v1/clients", NewClient(morgan.ClinicianId, "Grace", lastName, "1990-12-09"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task Create_ByFrontDesk_ADuplicateOnAnyCaseload_WarnsWithTheExistingClientsId()
    {
        var scheduler = await app.StaffAsync("Scheduler");
        var riley = await app.StaffAsync("Clinician");
        var morgan = await app.StaffAsync("Clinician");
        var lastName = UniqueName("Hopper");
        var existing = await riley.Client.CreateClientAsync(NewClient(riley.ClinicianId, "Grace", lastName, "1990-12-09"));

        var response = await scheduler.Client.PostAsJsonAsync("/api/v1/clients", NewClient(morgan.ClinicianId, "Grace", lastName, "1990-12-09"), Ct);

        var warning = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("warnings").EnumerateArray());
        Assert.Equal("possible-duplicate", warning.GetProperty("code").GetString());
        Assert.Equal(existing, warning.GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task List_WhenNotSignedIn_Is401()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/clients", Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}

public sealed class ClientAccessSqliteTests(SqliteApp app) : ClientAccessTests(app), IClassFixture<SqliteApp>;

public sealed class ClientAccessPostgresTests(PostgresApp app) : ClientAccessTests(app), IClassFixture<PostgresApp>;
