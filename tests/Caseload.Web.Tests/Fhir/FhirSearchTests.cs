using System.Net;
using Hl7.Fhir.Model;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Scheduling;
using Task = System.Threading.Tasks.Task;

namespace Caseload.Web.Tests.Fhir;

/// <summary>One test per search parameter, then paging and the handling of parameters this server does not support.</summary>
public abstract class FhirSearchTests(CaseloadApp app)
{
    [Fact]
    public async Task PatientName_MatchesTheStartOfTheFamilyName_IgnoringCase()
    {
        var practice = await app.FhirPracticeAsync();
        var family = (await practice.Http.FhirAsync<Patient>($"Patient/{practice.Alice}")).Name[0].Family!;

        var found = await practice.Http.SearchAsync($"Patient?name={family[..^2].ToUpperInvariant()}");

        Assert.Equal([practice.Alice], found.Ids());
        Assert.Equal(1, found.Total);
    }

    [Fact]
    public async Task PatientName_MatchesTheGivenName_OfEveryClientWithIt()
    {
        var practice = await app.FhirPracticeAsync();

        var found = await practice.Http.SearchAsync("Patient?name=member1");

        Assert.Equal([practice.Bob], found.Ids());
    }

    [Fact]
    public async Task PatientBirthdate_FindsTheDay_AndItsPrefixesCompare()
    {
        var practice = await app.FhirPracticeAsync();
        var born1990 = await practice.Http.CreateClientAsync(ClientsApi.NewClient(practice.ClinicianId, dateOfBirth: "1990-06-15"));

        Assert.Equal([born1990], (await practice.Http.SearchAsync("Patient?birthdate=1990-06-15")).Ids());
        Assert.Equal([born1990], (await practice.Http.SearchAsync("Patient?birthdate=ge1990-06-15")).Ids());
        Assert.Equal(2, (await practice.Http.SearchAsync("Patient?birthdate=lt1990-06-15")).Total);
        Assert.Empty((await practice.Http.SearchAsync("Patient?birthdate=gt1990-06-15")).Entry);
        Assert.Equal([born1990], (await practice.Http.SearchAsync("Patient?birthdate=1990")).Ids());
    }

    [Fact]
    public async Task PractitionerName_FindsTheClinicianByAnyWordOfTheName()
    {
        var surname = ClientsApi.UniqueName("Quinn");
        var quinn = await app.StaffNamedAsync($"Robin {surname}", "Clinician");

        var found = await quinn.Client.SearchAsync($"Practitioner?name={surname.ToLowerInvariant()}");

        Assert.Equal([quinn.ClinicianId!], found.Ids());
    }

    [Fact]
    public async Task GroupMember_FindsTheGroupsTheClientIsOrWasIn()
    {
        var practice = await app.FhirPracticeAsync();
        var other = await practice.Http.CreateGroupAsync(practice.ClinicianId, SchedulingApi.UniqueName("Other "));
        await practice.Http.AddMemberAsync(other, practice.Bob);
        await (await practice.Http.LeaveGroupAsync(other, practice.Bob)).AssertSuccessAsync();

        Assert.Equal([practice.GroupId], (await practice.Http.SearchAsync($"Group?member=Patient/{practice.Alice}")).Ids());
        Assert.Equal(2, (await practice.Http.SearchAsync($"Group?member=Patient/{practice.Bob}")).Total);
    }

    [Fact]
    public async Task AppointmentDate_GeAndLt_KeepTheSessionsStartingInTheRange()
    {
        var practice = await app.FhirPracticeAsync();

        var lastWeek = await practice.Http.SearchAsync(
            $"Appointment?practitioner={practice.ClinicianId}&date=ge{app.Date(-7)}&date=lt{app.Date(0)}");

        Assert.Equal([practice.PastSession, practice.NoShow], lastWeek.Ids());
    }

    [Fact]
    public async Task AppointmentDate_WithATime_ComparesTheInstant()
    {
        var practice = await app.FhirPracticeAsync();

        var after = await practice.Http.SearchAsync(
            $"Appointment?practitioner={practice.ClinicianId}&date=gt{Uri.EscapeDataString(app.At(-7))}&date=le{app.Date(3)}");

        Assert.Equal([practice.NoShow, practice.Cancelled], after.Ids());
    }

    [Fact]
    public async Task AppointmentPractitioner_KeepsThatClinicsSessionsOnly()
    {
        var practice = await app.FhirPracticeAsync();
        var other = await app.FhirPracticeAsync();
        var scheduler = await app.StaffAsync("Scheduler");

        var found = await scheduler.Client.SearchAsync($"Appointment?practitioner=Practitioner/{other.ClinicianId}");

        Assert.Equal(4, found.Total);
        Assert.DoesNotContain(practice.PastSession, found.Ids());
        Assert.All(found.Resources<Appointment>(), a => Assert.Contains(a.Participant, p => p.Actor?.Reference == $"Practitioner/{other.ClinicianId}"));
    }

    [Fact]
    public async Task AppointmentPatient_FindsEverySessionNamingTheClient_RemovedOnesIncluded()
    {
        var practice = await app.FhirPracticeAsync();

        Assert.Equal([practice.PastSession, practice.NoShow, practice.FutureSession],
            (await practice.Http.SearchAsync($"Appointment?patient=Patient/{practice.Bob}")).Ids());
        Assert.Equal([practice.PastSession, practice.Cancelled, practice.FutureSession],
            (await practice.Http.SearchAsync($"Appointment?patient={practice.Alice}")).Ids());
    }

    [Theory]
    [InlineData("fulfilled", "past")]
    [InlineData("noshow", "noshow")]
    [InlineData("cancelled", "cancelled")]
    [InlineData("booked", "future")]
    [InlineData("booked,cancelled", "cancelled future")]
    [InlineData("arrived", "")]
    public async Task AppointmentStatus_KeepsTheSessionsInTheMappedState(string status, string expected)
    {
        var practice = await app.FhirPracticeAsync();
        var names = new Dictionary<string, string>
        {
            [practice.PastSession] = "past", [practice.NoShow] = "noshow", [practice.Cancelled] = "cancelled", [practice.FutureSession] = "future",
        };

        var found = await practice.Http.SearchAsync($"Appointment?practitioner={practice.ClinicianId}&status={status}");

        Assert.Equal(expected, string.Join(" ", found.Ids().Select(id => names[id])));
    }

    [Fact]
    public async Task EncounterPatient_FindsTheSessionsTheClientAttended()
    {
        var practice = await app.FhirPracticeAsync();

        var found = await practice.Http.SearchAsync($"Encounter?patient=Patient/{practice.Alice}");

        var encounter = Assert.Single(found.Resources<Encounter>());
        Assert.Equal($"Appointment/{practice.PastSession}", encounter.Appointment.Single().Reference);
        Assert.Empty((await practice.Http.SearchAsync($"Encounter?patient=Patient/{practice.Bob}")).Entry);
    }

    [Fact]
    public async Task EncounterDate_KeepsTheSessionsInTheRange()
    {
        var practice = await app.FhirPracticeAsync();

        Assert.Single((await practice.Http.SearchAsync($"Encounter?patient={practice.Alice}&date={app.Date(-7)}")).Entry);
        Assert.Empty((await practice.Http.SearchAsync($"Encounter?patient={practice.Alice}&date=ge{app.Date(-6)}")).Entry);
    }

    [Fact]
    public async Task Count_SplitsTheResultsIntoPages_LinkedByNext_UntilTheLast()
    {
        var practice = await app.FhirPracticeAsync();

        var first = await practice.Http.SearchAsync($"Appointment?practitioner={practice.ClinicianId}&_count=3");
        var second = await practice.Http.SearchAsync(first.Link("next")!);

        Assert.Equal((4, 3), (first.Total, first.Entry.Count));
        Assert.Equal($"http://localhost/fhir/r4/Appointment?_count=3&practitioner={practice.ClinicianId}", first.Link("self"));
        Assert.Equal($"http://localhost/fhir/r4/Appointment?_count=3&practitioner={practice.ClinicianId}&_offset=3", first.Link("next"));
        Assert.Equal((4, 1), (second.Total, second.Entry.Count));
        Assert.Null(second.Link("next"));
        Assert.Equal(4, first.Ids().Concat(second.Ids()).Distinct().Count());
        Assert.Equal(Bundle.BundleType.Searchset, second.Type);
    }

    [Fact]
    public async Task Count_AboveTheMaximum_IsLoweredToIt_AndTheSelfLinkSaysSo()
    {
        var practice = await app.FhirPracticeAsync();

        var found = await practice.Http.SearchAsync($"Patient?name=member&_count=5000");

        Assert.Equal("http://localhost/fhir/r4/Patient?_count=200&name=member", found.Link("self"));
    }

    [Fact]
    public async Task NoCount_GivesPagesOfFifty()
    {
        var practice = await app.FhirPracticeAsync();

        var found = await practice.Http.SearchAsync("Practitioner");

        Assert.EndsWith("Practitioner?_count=50", found.Link("self"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsupportedParameter_IsIgnored_AndLeftOutOfTheSelfLink()
    {
        var practice = await app.FhirPracticeAsync();

        var found = await practice.Http.SearchAsync($"Appointment?patient={practice.Bob}&location=Room2&_sort=date");

        Assert.Equal(3, found.Total);
        Assert.Equal($"http://localhost/fhir/r4/Appointment?_count=50&patient={practice.Bob}", found.Link("self"));
    }

    [Theory]
    [InlineData("location=Room2", "location")]
    [InlineData("name:exact=Ada", "name:exact")]
    [InlineData("_sort=date", "_sort")]
    public async Task AnUnsupportedParameter_WithStrictHandling_Is400OperationOutcomeNamingIt(string query, string parameter)
    {
        var practice = await app.FhirPracticeAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/r4/Appointment?{query}");
        request.Headers.Add("Prefer", "handling=strict");
        var response = await practice.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = Assert.IsType<OperationOutcome>(System.Text.Json.JsonSerializer.Deserialize<Resource>(
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), FhirApi.Options));
        Assert.Contains($"'{parameter}'", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
        FhirValidation.AssertValid(outcome);
    }

    [Fact]
    public async Task SupportedParameters_WithStrictHandling_AreApplied()
    {
        var practice = await app.FhirPracticeAsync();

        var found = await practice.Http.SearchAsync($"Appointment?patient={practice.Bob}&_count=1", strict: true);

        Assert.Equal((3, 1), (found.Total, found.Entry.Count));
    }

    [Theory]
    [InlineData("Appointment?date=yesterday", "date")]
    [InlineData("Appointment?date=xx2026-12-01", "date")]
    [InlineData("Patient?birthdate=1985-13-45", "birthdate")]
    [InlineData("Patient?_count=many", "_count")]
    [InlineData("Patient?_offset=-1", "_offset")]
    [InlineData("Patient?_summary=bogus", "_summary")]
    public async Task AValueThatCannotBeRead_Is400OperationOutcome(string query, string parameter)
    {
        var practice = await app.FhirPracticeAsync();

        var outcome = await practice.Http.FhirAsync<OperationOutcome>(query, HttpStatusCode.BadRequest);

        Assert.Equal($"Search parameter: {parameter}", outcome.Issue.Single().Details?.Text);
    }
}

public sealed class FhirSearchSqliteTests(SqliteApp app) : FhirSearchTests(app), IClassFixture<SqliteApp>;

public sealed class FhirSearchPostgresTests(PostgresApp app) : FhirSearchTests(app), IClassFixture<PostgresApp>;
