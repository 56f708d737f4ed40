using System.Net;
using Hl7.Fhir.Model;
using Caseload.Web.Tests.Scheduling;
using Task = System.Threading.Tasks.Task;

namespace Caseload.Web.Tests.Fhir;

/// <summary>Every resource the FHIR API serves: what it says, and that the R4 validator finds no error in it.</summary>
public abstract class FhirResourceTests(CaseloadApp app)
{
    private const string Cpt = "http://www.ama-assn.org/go/cpt";

    [Fact]
    public async Task EveryResourceTypeAndSearchBundle_OfThePractice_IsValidR4WithZeroErrors()
    {
        var practice = await app.FhirPracticeAsync();
        var http = practice.Http;
        var encounter = (await http.SearchAsync($"Encounter?patient=Patient/{practice.Alice}")).Ids().Single();
        Resource[] served =
        [
            await http.FhirAsync<CapabilityStatement>("metadata"),
            await http.FhirAsync<Patient>($"Patient/{practice.Alice}"),
            await http.FhirAsync<Practitioner>($"Practitioner/{practice.ClinicianId}"),
            await http.FhirAsync<Group>($"Group/{practice.GroupId}"),
            await http.FhirAsync<Appointment>($"Appointment/{practice.PastSession}"),
            await http.FhirAsync<Appointment>($"Appointment/{practice.FutureSession}"),
            await http.FhirAsync<Appointment>($"Appointment/{practice.Cancelled}"),
            await http.FhirAsync<Appointment>($"Appointment/{practice.NoShow}"),
            await http.FhirAsync<Encounter>($"Encounter/{encounter}"),
            await http.SearchAsync($"Patient?name={practice.Alice[..0]}Member"),
            await http.SearchAsync("Practitioner?name=Test"),
            await http.SearchAsync($"Group?member=Patient/{practice.Bob}"),
            await http.SearchAsync($"Appointment?practitioner=Practitioner/{practice.ClinicianId}&_count=2"),
            await http.SearchAsync($"Encounter?patient=Patient/{practice.Alice}"),
            await http.FhirAsync<OperationOutcome>("Patient/nobody", HttpStatusCode.NotFound),
        ];

        Assert.All(served, FhirValidation.AssertValid);
    }

    [Fact]
    public async Task Validator_FindsTheErrorsOfAnInvalidResource_SoAValidAnswerMeansSomething()
    {
        var broken = new Appointment { Status = null, Participant = [new Appointment.ParticipantComponent()] };

        Assert.NotEmpty(FhirValidation.ErrorsOf(broken));
    }

    [Fact]
    public async Task Patient_CarriesNameBirthDateTelecomIdentifierAndClinician()
    {
        var practice = await app.FhirPracticeAsync();

        var patient = await practice.Http.FhirAsync<Patient>($"Patient/{practice.Alice}");

        Assert.Equal(practice.Alice, patient.Id);
        Assert.Equal("Member0", Assert.Single(patient.Name).Given.Single());
        Assert.StartsWith("Tester", patient.Name[0].Family, StringComparison.Ordinal);
        Assert.Equal("1985-04-12", patient.BirthDate);
        Assert.Contains(patient.Telecom, t => t.System == ContactPoint.ContactPointSystem.Email && t.Value == "client@example.com");
        Assert.Contains(patient.Telecom, t => t.System == ContactPoint.ContactPointSystem.Phone && t.Use == ContactPoint.ContactPointUse.Mobile);
        Assert.Equal(("urn:caseload:client", practice.Alice), (patient.Identifier[0].System, patient.Identifier[0].Value));
        Assert.Equal($"Practitioner/{practice.ClinicianId}", patient.GeneralPractitioner.Single().Reference);
        Assert.Null(patient.Gender);
    }

    [Fact]
    public async Task Practitioner_CarriesTheDisplayNameAndThePracticesIdentifier()
    {
        var practice = await app.FhirPracticeAsync();

        var practitioner = await practice.Http.FhirAsync<Practitioner>($"Practitioner/{practice.ClinicianId}");

        Assert.Equal("Test Clinician", practitioner.Name.Single().Text);
        Assert.Equal(("urn:caseload:clinician", practice.ClinicianId), (practitioner.Identifier[0].System, practitioner.Identifier[0].Value));
    }

    [Fact]
    public async Task Group_IsAnActualGroupOfPersons_ManagedByTheClinician_WithEachStayAsAMemberPeriod()
    {
        var practice = await app.FhirPracticeAsync();
        await (await practice.Http.LeaveGroupAsync(practice.GroupId, practice.Bob)).AssertSuccessAsync();

        var group = await practice.Http.FhirAsync<Group>($"Group/{practice.GroupId}");

        Assert.Equal((Group.GroupType.Person, true), (group.Type, group.Actual));
        Assert.Empty(group.Characteristic);
        Assert.Equal($"Practitioner/{practice.ClinicianId}", group.ManagingEntity?.Reference);
        var alice = Assert.Single(group.Member, m => m.Entity?.Reference == $"Patient/{practice.Alice}");
        var bob = Assert.Single(group.Member, m => m.Entity?.Reference == $"Patient/{practice.Bob}");
        Assert.Equal((app.Date(0), null, false), (alice.Period?.Start, alice.Period?.End, alice.Inactive));
        Assert.Equal((app.Date(0), app.Date(0), true), (bob.Period?.Start, bob.Period?.End, bob.Inactive));
        Assert.Equal(1, group.Quantity);
    }

    [Fact]
    public async Task Appointment_AttendedAndMissed_IsFulfilled_WithAliceAcceptedAndBobDeclined()
    {
        var practice = await app.FhirPracticeAsync();

        var session = await practice.Http.FhirAsync<Appointment>($"Appointment/{practice.PastSession}");

        Assert.Equal(Appointment.AppointmentStatus.Fulfilled, session.Status);
        Assert.Equal(ParticipationStatus.Accepted, session.Participant.Single(p => p.Actor?.Reference == $"Patient/{practice.Alice}").Status);
        Assert.Equal(ParticipationStatus.Declined, session.Participant.Single(p => p.Actor?.Reference == $"Patient/{practice.Bob}").Status);
        var clinician = session.Participant.Single(p => p.Actor?.Reference == $"Practitioner/{practice.ClinicianId}");
        Assert.Equal(ParticipationStatus.Accepted, clinician.Status);
        Assert.Equal((Cpt, "90853"), (session.ServiceType.Single().Coding.Single().System, session.ServiceType[0].Coding[0].Code));
        Assert.Equal(50, session.MinutesDuration);
        Assert.Equal(TimeSpan.FromMinutes(50), session.End!.Value - session.Start!.Value);
        Assert.Equal(app.At(-7), session.StartElement?.Value?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal($"Group/{practice.GroupId}", session.SupportingInformation.Single().Reference);
    }

    [Fact]
    public async Task Appointment_WithAnInviteeRemoved_IsBooked_AndNamesTheRemovedClientDeclinedAndInformationOnly()
    {
        var practice = await app.FhirPracticeAsync();

        var session = await practice.Http.FhirAsync<Appointment>($"Appointment/{practice.FutureSession}");

        Assert.Equal(Appointment.AppointmentStatus.Booked, session.Status);
        var alice = session.Participant.Single(p => p.Actor?.Reference == $"Patient/{practice.Alice}");
        var bob = session.Participant.Single(p => p.Actor?.Reference == $"Patient/{practice.Bob}");
        Assert.Equal((ParticipationStatus.Accepted, Appointment.ParticipantRequired.Required), (alice.Status, alice.Required));
        Assert.Equal((ParticipationStatus.Declined, Appointment.ParticipantRequired.InformationOnly), (bob.Status, bob.Required));
    }

    [Fact]
    public async Task Appointment_Cancelled_IsCancelled_AndOneEveryoneMissed_IsNoShow()
    {
        var practice = await app.FhirPracticeAsync();

        var cancelled = await practice.Http.FhirAsync<Appointment>($"Appointment/{practice.Cancelled}");
        var noShow = await practice.Http.FhirAsync<Appointment>($"Appointment/{practice.NoShow}");

        Assert.Equal(Appointment.AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Empty(cancelled.SupportingInformation);
        Assert.Equal(Appointment.AppointmentStatus.Noshow, noShow.Status);
        Assert.Equal(ParticipationStatus.Declined, noShow.Participant.Single(p => p.Actor?.Reference == $"Patient/{practice.Bob}").Status);
    }

    [Fact]
    public async Task Encounter_OfTheAttendedInvitee_IsFinishedAmbulatory_WithPeriodParticipantServiceTypeAndAppointment()
    {
        var practice = await app.FhirPracticeAsync();

        var encounter = Assert.Single((await practice.Http.SearchAsync($"Encounter?patient={practice.Alice}")).Resources<Encounter>());
        var read = await practice.Http.FhirAsync<Encounter>($"Encounter/{encounter.Id}");

        Assert.Equal(encounter.Id, read.Id);
        Assert.Equal(Encounter.EncounterStatus.Finished, read.Status);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"), (read.Class?.System, read.Class?.Code));
        Assert.Equal($"Patient/{practice.Alice}", read.Subject?.Reference);
        Assert.Equal($"Practitioner/{practice.ClinicianId}", read.Participant.Single().Individual?.Reference);
        Assert.Equal($"Appointment/{practice.PastSession}", read.Appointment.Single().Reference);
        Assert.Equal("90853", read.ServiceType?.Coding.Single().Code);
        Assert.Equal(app.At(-7), read.Period?.Start);
    }

    [Fact]
    public async Task Encounter_OfAMissedInvitee_IsNotFound()
    {
        var practice = await app.FhirPracticeAsync();

        await practice.Http.FhirAsync<OperationOutcome>($"Encounter/{practice.PastSession}{practice.Bob}", HttpStatusCode.NotFound);
        Assert.Empty((await practice.Http.SearchAsync($"Encounter?patient={practice.Bob}")).Entry);
    }

    [Fact]
    public async Task Metadata_ListsExactlyTheResourcesInteractionsAndSearchParametersServed()
    {
        var http = app.CreateClient();

        var statement = await http.FhirAsync<CapabilityStatement>("metadata");

        var rest = statement.Rest.Single();
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal(
            ["Appointment:date,patient,practitioner,status", "Encounter:date,patient", "Group:member", "Patient:birthdate,name", "Practitioner:name"],
            rest.Resource.Select(r => $"{r.Type}:{string.Join(",", r.SearchParam.Select(p => p.Name))}"));
        Assert.All(rest.Resource, r => Assert.Equal(
            [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
            r.Interaction.Select(i => i.Code)));
        Assert.Equal("http://hl7.org/fhir/SearchParameter/Appointment-date", rest.Resource[0].SearchParam[0].Definition);
    }

    [Fact]
    public async Task AResourceTypeNotServed_Is404OperationOutcome()
    {
        var practice = await app.FhirPracticeAsync();

        var outcome = await practice.Http.FhirAsync<OperationOutcome>("Observation/1", HttpStatusCode.NotFound);

        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue.Single().Code);
    }

    [Fact]
    public async Task WithoutAToken_Is401OperationOutcome()
    {
        var practice = await app.FhirPracticeAsync();

        var outcome = await app.CreateClient().FhirAsync<OperationOutcome>($"Patient/{practice.Alice}", HttpStatusCode.Unauthorized);

        Assert.Equal(OperationOutcome.IssueType.Login, outcome.Issue.Single().Code);
    }
}

public sealed class FhirResourceSqliteTests(SqliteApp app) : FhirResourceTests(app), IClassFixture<SqliteApp>;

public sealed class FhirResourcePostgresTests(PostgresApp app) : FhirResourceTests(app), IClassFixture<PostgresApp>;
