using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Search;

/// <summary>
/// Find anything (<c>GET /api/v1/search?q=</c> and the top bar's results page): clients, groups and appointments by a
/// client's name, only within what the asker may see. Each test names its records with a word no other test uses.
/// </summary>
public abstract class SearchTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A clinician with one client named "<c>{first} {word}</c>", a group "<c>{word} circle {first}</c>" holding them, and an individual appointment.</summary>
    private async Task<(Staff Clinician, string ClientId, string GroupId, string AppointmentId)> ClinicianWithAsync(string word, string first)
    {
        var clinician = await app.StaffAsync("Clinician");
        var client = await clinician.Client.CreateClientAsync(ClientsApi.NewClient(clinician.ClinicianId, first, word));
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId, $"{word} circle {first}");
        await clinician.Client.AddMemberAsync(group, client);
        var appointment = (await clinician.Client.BookOneAsync(SchedulingApi.Individual(clinician.ClinicianId, client))).Id();
        return (clinician, client, group, appointment);
    }

    private static async Task<JsonElement> SearchAsync(HttpClient http, string q)
    {
        var response = await http.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static string[] IdsOf(JsonElement results, string kind) =>
        [.. results.GetProperty(kind).EnumerateArray().Select(e => e.Text("id")).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Search_AsAClinician_FindsOnlyTheirOwnClientsGroupsAndAppointments()
    {
        var word = SchedulingApi.UniqueName("Quarry");
        var (mine, client, group, appointment) = await ClinicianWithAsync(word, "Ann");
        await ClinicianWithAsync(word, "Bob");

        var results = await SearchAsync(mine.Client, word);

        Assert.Equal([client], IdsOf(results, "clients"));
        Assert.Equal([group], IdsOf(results, "groups"));
        Assert.Equal([appointment], IdsOf(results, "appointments"));
    }

    [Theory]
    [InlineData("Administrator")]
    [InlineData("Scheduler")]
    public async Task Search_AsFrontDeskOrAdministrator_FindsEveryClinician(string role)
    {
        var word = SchedulingApi.UniqueName("Quarry");
        var a = await ClinicianWithAsync(word, "Ann");
        var b = await ClinicianWithAsync(word, "Bob");
        var staff = await app.StaffAsync(role);

        var results = await SearchAsync(staff.Client, word);

        Assert.Equal(SchedulingApi.Sorted(a.ClientId, b.ClientId), IdsOf(results, "clients"));
        Assert.Equal(SchedulingApi.Sorted(a.GroupId, b.GroupId), IdsOf(results, "groups"));
        Assert.Equal(SchedulingApi.Sorted(a.AppointmentId, b.AppointmentId), IdsOf(results, "appointments"));
    }

    [Fact]
    public async Task Search_AsABiller_FindsClientsAndAppointmentsButNoGroups()
    {
        var word = SchedulingApi.UniqueName("Quarry");
        var a = await ClinicianWithAsync(word, "Ann");
        var biller = await app.StaffAsync("Biller");

        var results = await SearchAsync(biller.Client, word);

        Assert.Equal([a.ClientId], IdsOf(results, "clients"));
        Assert.Empty(IdsOf(results, "groups"));
        Assert.Equal([a.AppointmentId], IdsOf(results, "appointments"));
    }

    [Fact]
    public async Task Search_ByFirstAndLastNameInAnyCase_FindsTheClientAndTheirAppointment()
    {
        var word = SchedulingApi.UniqueName("Quarry");
        var (mine, client, _, appointment) = await ClinicianWithAsync(word, "Ann");

        var results = await SearchAsync(mine.Client, $"ANN {word.ToUpperInvariant()}");

        Assert.Equal([client], IdsOf(results, "clients"));
        var found = Assert.Single(results.GetProperty("appointments").EnumerateArray());
        Assert.Equal(appointment, found.Text("id"));
        Assert.Equal("individual", found.Text("kind"));
        Assert.Equal("2026-12-08", found.Text("localDate"));
        Assert.Equal(client, Assert.Single(found.GetProperty("clients").EnumerateArray()).Text("id"));
    }

    [Fact]
    public async Task Search_AnswersAtMostTwentyOfEachKind()
    {
        var word = SchedulingApi.UniqueName("Many");
        var clinician = await app.StaffAsync("Clinician");
        for (var i = 0; i < 21; i++)
        {
            await clinician.Client.CreateClientAsync(ClientsApi.NewClient(clinician.ClinicianId, $"C{i:00}", word));
        }

        var results = await SearchAsync(clinician.Client, word);

        Assert.Equal(20, results.GetProperty("clients").GetArrayLength());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("  b  ")]
    public async Task Search_WithFewerThanTwoCharacters_Is400NamingQ(string q)
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task Search_WithoutQ_Is400NamingQ()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.GetAsync("/api/v1/search", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("q", out _));
    }

    [Theory]
    [InlineData("%%")]
    [InlineData("__")]
    [InlineData("O'Brien")]
    [InlineData("'; drop table clients; --")]
    [InlineData("back\\slash")]
    [InlineData("Zoë Ångström")]
    [InlineData("名前です")]
    [InlineData("🙂🙂")]
    [InlineData("[a-z]*")]
    public async Task Search_WithOddInput_AnswersWithoutAServerError(string q)
    {
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("nul\0byte")]
    [InlineData("tab\there")]
    public async Task Search_WithControlCharacters_Is400NamingQ(string q)
    {
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Search_LongerThanAHundredCharacters_Is400NamingQ()
    {
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync($"/api/v1/search?q={new string('x', 101)}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task Search_IsAuditedAsAReadOfEachClientShown()
    {
        var word = SchedulingApi.UniqueName("Quarry");
        var (mine, client, _, _) = await ClinicianWithAsync(word, "Ann");

        await SearchAsync(mine.Client, word);

        using var admin = await app.AdminAsync();
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={client}&action=read&entityType=client", Ct);
        Assert.Contains(page.GetProperty("items").EnumerateArray(), e =>
            e.Text("entityId") == "search" && e.Text("userId") == mine.UserId && e.Text("detail").Contains(word, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchPage_AsAClinician_ListsOnlyTheirOwnRecords()
    {
        var word = SchedulingApi.UniqueName("Quarry");
        var mine = await ClinicianWithAsync(word, "Annabel");
        var theirs = await ClinicianWithAsync(word, "Bartholomew");
        using var browser = await app.SignInWithTheCookieAsync(mine.Clinician.Email);

        var html = await browser.GetStringAsync($"/Search?q={word}", Ct);

        Assert.Contains($"/Clients/{mine.ClientId}", html, StringComparison.Ordinal);
        Assert.Contains($"/Groups/{mine.GroupId}", html, StringComparison.Ordinal);
        Assert.Contains($"/Appointments/{mine.AppointmentId}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Bartholomew", html, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ClientId, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPage_WithOneCharacter_SaysHowManyToType()
    {
        var clinician = await app.StaffAsync("Clinician");
        using var browser = await app.SignInWithTheCookieAsync(clinician.Email);

        var response = await browser.GetAsync("/Search?q=a", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Type at least 2 characters", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class SearchSqliteTests(SqliteApp app) : SearchTests(app), IClassFixture<SqliteApp>;

public sealed class SearchPostgresTests(PostgresApp app) : SearchTests(app), IClassFixture<PostgresApp>;
