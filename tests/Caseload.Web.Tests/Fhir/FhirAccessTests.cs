using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Caseload.Web.Tests.Account;
using Caseload.Web.Tests.Scheduling;
using Task = System.Threading.Tasks.Task;

namespace Caseload.Web.Tests.Fhir;

/// <summary>The caseload rules and the audit trail of the JSON API, kept by the FHIR API.</summary>
public abstract class FhirAccessTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Patient")]
    [InlineData("Group")]
    [InlineData("Appointment")]
    [InlineData("Encounter")]
    public async Task Read_AnotherClinicsResource_Is404OperationOutcome(string type)
    {
        var theirs = await app.FhirPracticeAsync();
        var morgan = await app.StaffAsync("Clinician");
        var id = type switch
        {
            "Patient" => theirs.Alice,
            "Group" => theirs.GroupId,
            "Appointment" => theirs.PastSession,
            _ => (await theirs.Http.SearchAsync($"Encounter?patient={theirs.Alice}")).Ids().Single(),
        };

        var outcome = await morgan.Client.FhirAsync<OperationOutcome>($"{type}/{id}", HttpStatusCode.NotFound);

        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue.Single().Code);
    }

    [Fact]
    public async Task Search_ByAClinician_LeavesOutAnotherClinicsPatientsGroupsSessionsAndEncounters()
    {
        var theirs = await app.FhirPracticeAsync();
        var mine = await app.FhirPracticeAsync();
        var http = mine.Http;

        Assert.Empty((await http.SearchAsync("Patient?name=member")).Ids().Intersect([theirs.Alice, theirs.Bob]));
        Assert.Empty((await http.SearchAsync($"Group?member=Patient/{theirs.Alice}")).Entry);
        Assert.Empty((await http.SearchAsync($"Appointment?patient=Patient/{theirs.Alice}")).Entry);
        Assert.Empty((await http.SearchAsync($"Appointment?practitioner=Practitioner/{theirs.ClinicianId}")).Entry);
        Assert.Empty((await http.SearchAsync($"Encounter?patient=Patient/{theirs.Alice}")).Entry);
        var all = await http.SearchAsync($"Appointment?date=ge{app.Date(-30)}&_count=200");
        Assert.Equal(4, all.Total);
        Assert.All(all.Resources<Appointment>(), a => Assert.Contains(a.Participant, p => p.Actor?.Reference == $"Practitioner/{mine.ClinicianId}"));
    }

    [Fact]
    public async Task FrontDesk_ReadsAndFindsEveryClinicsResources()
    {
        var theirs = await app.FhirPracticeAsync();
        var scheduler = await app.StaffAsync("Scheduler");

        await scheduler.Client.FhirAsync<Patient>($"Patient/{theirs.Alice}");
        await scheduler.Client.FhirAsync<Group>($"Group/{theirs.GroupId}");
        await scheduler.Client.FhirAsync<Appointment>($"Appointment/{theirs.PastSession}");
        Assert.Equal([theirs.GroupId], (await scheduler.Client.SearchAsync($"Group?member={theirs.Alice}")).Ids());
    }

    [Fact]
    public async Task Biller_SeesClientsAndSessions_ButNoGroups_AsInTheJsonApi()
    {
        var theirs = await app.FhirPracticeAsync();
        var biller = await app.StaffAsync("Biller");

        await biller.Client.FhirAsync<Patient>($"Patient/{theirs.Alice}");
        await biller.Client.FhirAsync<Appointment>($"Appointment/{theirs.PastSession}");
        await biller.Client.FhirAsync<OperationOutcome>($"Group/{theirs.GroupId}", HttpStatusCode.NotFound);
        Assert.Empty((await biller.Client.SearchAsync($"Group?member={theirs.Alice}")).Entry);
    }

    [Fact]
    public async Task ASignedInBrowserCookie_ReadsAsTheTokenDoes()
    {
        var practice = await app.FhirPracticeAsync();
        var cookie = await app.SignInWithCookieAsync(practice.Clinician.Email);

        var response = await app.GetWithCookieAsync($"/fhir/r4/Patient/{practice.Alice}", cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AWrite_Is405OperationOutcome_TheApiOnlyReads()
    {
        var practice = await app.FhirPracticeAsync();

        var response = await practice.Http.PostAsync("/fhir/r4/Patient", new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var outcome = Assert.IsType<OperationOutcome>(JsonSerializer.Deserialize<Resource>(await response.Content.ReadAsStringAsync(Ct), FhirApi.Options));
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue.Single().Code);
    }

    [Fact]
    public async Task PatientRead_WritesOneReadEntryNamingTheClient()
    {
        var practice = await app.FhirPracticeAsync();

        await practice.Http.FhirAsync<Patient>($"Patient/{practice.Alice}");

        var entry = Assert.Single(await ReadsAsync(practice.Alice, "client", practice.Clinician.UserId));
        Assert.Equal(practice.Alice, entry.GetProperty("entityId").GetString());
    }

    [Fact]
    public async Task AppointmentRead_WritesOneReadEntryForEachClientItNames()
    {
        var practice = await app.FhirPracticeAsync();

        await practice.Http.FhirAsync<Appointment>($"Appointment/{practice.PastSession}");

        foreach (var client in new[] { practice.Alice, practice.Bob })
        {
            var reads = await ReadsAsync(client, "appointment", practice.Clinician.UserId);
            Assert.Single(reads, e => e.GetProperty("entityId").GetString() == practice.PastSession);
        }
    }

    [Fact]
    public async Task AppointmentSearch_WritesOneReadEntryForEachClientShown_NamingTheQuery()
    {
        var practice = await app.FhirPracticeAsync();

        await practice.Http.SearchAsync($"Appointment?patient={practice.Bob}&status=noshow");

        var entry = Assert.Single(await ReadsAsync(practice.Bob, "appointment", practice.Clinician.UserId));
        Assert.Equal("fhir:Appointment", entry.GetProperty("entityId").GetString());
        Assert.Contains("status=noshow", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ReadsAsync(practice.Alice, "appointment", practice.Clinician.UserId));
    }

    [Fact]
    public async Task PatientGroupAndEncounterSearches_WriteAReadEntryForTheClientsShown()
    {
        var practice = await app.FhirPracticeAsync();

        await practice.Http.SearchAsync("Patient?name=member0");
        await practice.Http.SearchAsync($"Group?member={practice.Bob}");
        await practice.Http.SearchAsync($"Encounter?patient={practice.Alice}");

        Assert.Equal(["fhir:Group", "fhir:Patient"], (await ReadsAsync(practice.Alice, "client", practice.Clinician.UserId)).Select(EntityId).Order());
        Assert.Equal(["fhir:Group"], (await ReadsAsync(practice.Bob, "client", practice.Clinician.UserId)).Select(EntityId));
        Assert.Equal(["fhir:Encounter"], (await ReadsAsync(practice.Alice, "appointment", practice.Clinician.UserId)).Select(EntityId));
    }

    [Fact]
    public async Task ARefusedRead_WritesNoReadEntry()
    {
        var theirs = await app.FhirPracticeAsync();
        var morgan = await app.StaffAsync("Clinician");

        await morgan.Client.FhirAsync<OperationOutcome>($"Patient/{theirs.Alice}", HttpStatusCode.NotFound);

        Assert.Empty(await ReadsAsync(theirs.Alice, "client", morgan.UserId));
    }

    private static string? EntityId(JsonElement entry) => entry.GetProperty("entityId").GetString();

    /// <summary>The read entries about one client of one kind written by one user, newest first.</summary>
    private async Task<JsonElement[]> ReadsAsync(string clientId, string entityType, string userId)
    {
        using var admin = await app.AdminAsync();
        var page = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/audit?clientId={clientId}&entityType={entityType}&action=read&userId={userId}&limit=500", Ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}

public sealed class FhirAccessSqliteTests(SqliteApp app) : FhirAccessTests(app), IClassFixture<SqliteApp>;

public sealed class FhirAccessPostgresTests(PostgresApp app) : FhirAccessTests(app), IClassFixture<PostgresApp>;
