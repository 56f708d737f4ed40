using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using static Caseload.Web.Tests.Clients.ClientsApi;

namespace Caseload.Web.Tests.Clients;

/// <summary>
/// The client list. Each test searches the caseload of a clinician it has just created, so the
/// clients it finds are exactly the ones it made.
/// </summary>
public abstract class ClientSearchTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<string> LastNames(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("lastName").GetString()!);

    private async Task<Staff> ClinicianWithAsync(params (string First, string Last, string Born)[] clients)
    {
        var clinician = await app.StaffAsync("Clinician");
        foreach (var (first, last, born) in clients)
        {
            await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, first, last, born));
        }

        return clinician;
    }

    [Fact]
    public async Task Search_ByPartOfTheLastNameInAnyCase_FindsTheClient()
    {
        var clinician = await ClinicianWithAsync(("Ada", "Lovelace", "1985-04-12"), ("Grace", "Hopper", "1990-12-09"));

        var page = await clinician.Client.ClientListAsync("?q=LOVEL");

        Assert.Equal(["Lovelace"], LastNames(page));
    }

    [Fact]
    public async Task Search_ByPartOfTheFirstName_FindsTheClient()
    {
        var clinician = await ClinicianWithAsync(("Ada", "Lovelace", "1985-04-12"), ("Grace", "Hopper", "1990-12-09"));

        var page = await clinician.Client.ClientListAsync("?q=grac");

        Assert.Equal(["Hopper"], LastNames(page));
    }

    [Fact]
    public async Task Search_WithFirstAndLastName_FindsOnlyTheClientWithBoth()
    {
        var clinician = await ClinicianWithAsync(("Ada", "Lovelace", "1985-04-12"), ("Ada", "Hopper", "1990-12-09"), ("Grace", "Lovelace", "1970-01-01"));

        var page = await clinician.Client.ClientListAsync("?q=ada%20lovelace");

        var only = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("Ada", only.GetProperty("firstName").GetString());
        Assert.Equal("Lovelace", only.GetProperty("lastName").GetString());
    }

    [Fact]
    public async Task Search_ByDateOfBirth_FindsEveryClientBornThatDayAndNoOther()
    {
        var clinician = await ClinicianWithAsync(("Ada", "Lovelace", "1985-04-12"), ("Grace", "Hopper", "1990-12-09"), ("Alan", "Turing", "1985-04-12"));

        var page = await clinician.Client.ClientListAsync("?q=1985-04-12");

        Assert.Equal(["Lovelace", "Turing"], LastNames(page));
    }

    [Fact]
    public async Task Search_MatchingNobody_IsAnEmptyPage()
    {
        var clinician = await ClinicianWithAsync(("Ada", "Lovelace", "1985-04-12"));

        var page = await clinician.Client.ClientListAsync("?q=zzz");

        Assert.Empty(LastNames(page));
        Assert.Equal(0, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_IsSortedByLastNameThenFirstName()
    {
        var clinician = await ClinicianWithAsync(("Grace", "Hopper", "1990-12-09"), ("Ada", "Lovelace", "1985-04-12"), ("Alan", "Hopper", "1912-06-23"));

        var page = await clinician.Client.ClientListAsync();

        Assert.Equal(["Alan Hopper", "Grace Hopper", "Ada Lovelace"],
            page.GetProperty("items").EnumerateArray().Select(c => $"{c.GetProperty("firstName").GetString()} {c.GetProperty("lastName").GetString()}"));
    }

    [Fact]
    public async Task List_ByDefault_LeavesOutDischargedClients()
    {
        var clinician = await ClinicianWithAsync(("Ada", "Lovelace", "1985-04-12"));
        var discharged = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Grace", "Hopper"));
        await clinician.Client.PostAsync($"/api/v1/clients/{discharged}/discharge", null, Ct);

        var page = await clinician.Client.ClientListAsync();

        Assert.Equal(["Lovelace"], LastNames(page));
    }

    [Fact]
    public async Task List_WithStatusDischarged_HoldsOnlyDischargedClients()
    {
        var clinician = await ClinicianWithAsync(("Ada", "Lovelace", "1985-04-12"));
        var discharged = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Grace", "Hopper"));
        await clinician.Client.PostAsync($"/api/v1/clients/{discharged}/discharge", null, Ct);

        var page = await clinician.Client.ClientListAsync("?status=discharged");

        Assert.Equal([discharged], page.Ids());
        Assert.Equal(1, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_WithStatusAll_HoldsActiveAndDischargedClients()
    {
        var clinician = await ClinicianWithAsync(("Ada", "Lovelace", "1985-04-12"));
        var discharged = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId, "Grace", "Hopper"));
        await clinician.Client.PostAsync($"/api/v1/clients/{discharged}/discharge", null, Ct);

        var page = await clinician.Client.ClientListAsync("?status=all");

        Assert.Equal(["Hopper", "Lovelace"], LastNames(page));
    }

    [Fact]
    public async Task List_SecondPage_HoldsTheNextClientsAndTheTotal()
    {
        var clinician = await ClinicianWithAsync(
            ("Ann", "Able", "1980-01-01"), ("Ben", "Baker", "1980-01-01"), ("Cal", "Carter", "1980-01-01"),
            ("Dee", "Dalton", "1980-01-01"), ("Eve", "Evans", "1980-01-01"));

        var page = await clinician.Client.ClientListAsync("?page=2&pageSize=2");

        Assert.Equal(["Carter", "Dalton"], LastNames(page));
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task List_LastPage_HoldsWhatIsLeft()
    {
        var clinician = await ClinicianWithAsync(
            ("Ann", "Able", "1980-01-01"), ("Ben", "Baker", "1980-01-01"), ("Cal", "Carter", "1980-01-01"));

        var page = await clinician.Client.ClientListAsync("?page=2&pageSize=2");

        Assert.Equal(["Carter"], LastNames(page));
        Assert.Equal(3, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_PastTheLastPage_IsEmptyButKeepsTheTotal()
    {
        var clinician = await ClinicianWithAsync(("Ann", "Able", "1980-01-01"), ("Ben", "Baker", "1980-01-01"));

        var page = await clinician.Client.ClientListAsync("?page=3&pageSize=2");

        Assert.Empty(LastNames(page));
        Assert.Equal(2, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_CombinesSearchWithPaging()
    {
        var clinician = await ClinicianWithAsync(
            ("Ann", "Hopper", "1980-01-01"), ("Ben", "Hopper", "1980-01-01"), ("Cal", "Hopper", "1980-01-01"), ("Ada", "Lovelace", "1980-01-01"));

        var page = await clinician.Client.ClientListAsync("?q=hop&page=2&pageSize=2");

        Assert.Equal("Cal", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("firstName").GetString());
        Assert.Equal(3, page.GetProperty("total").GetInt32());
    }
}

public sealed class ClientSearchSqliteTests(SqliteApp app) : ClientSearchTests(app), IClassFixture<SqliteApp>;

public sealed class ClientSearchPostgresTests(PostgresApp app) : ClientSearchTests(app), IClassFixture<PostgresApp>;
