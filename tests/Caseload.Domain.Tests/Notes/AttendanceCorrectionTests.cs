using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using Caseload.Domain.Tests.Scheduling;
using NodaTime;

namespace Caseload.Domain.Tests.Notes;

/// <summary>Rule 13: a signed note fixes attendance; a correction is an addendum that records who, when, from, to and why.</summary>
public class AttendanceCorrectionTests
{
    private const string Corrector = "Dr Riley";

    private static readonly Instant NextDay = ASession.Now.Plus(Duration.FromDays(1));

    private readonly HeldSession _session = HeldSession.Booked();

    private Invitee InviteeOf(Domain.Clients.Client client) => _session.Appointment.Invitees.Single(i => i.ClientId == client.Id);

    [Fact]
    public void SignedAttendance_RefusesADirectChangeOnlyOnceTheNoteIsSigned_Rule13()
    {
        Assert.Null(SignedAttendance.RefusesDirectChange(null));
        Assert.Null(SignedAttendance.RefusesDirectChange(NoteStatus.Draft));
        Assert.Equal("note-signed", SignedAttendance.RefusesDirectChange(NoteStatus.Signed)?.Code);
    }

    [Fact]
    public void CorrectAttendance_FromAttendedToMissed_MarksTheClientMissedWithTheReasonAndCharge_Rule13()
    {
        var note = _session.Signed();

        var outcome = note.CorrectAttendance(_session.Appointment, _session.Bob.Id, InviteeStatus.Missed, " Left after five minutes ", 40.00m, Corrector, A.Today, NextDay);

        Assert.True(outcome.Succeeded);
        var bob = InviteeOf(_session.Bob);
        Assert.Equal((InviteeStatus.Missed, "Left after five minutes", 40.00m, Corrector, NextDay), (bob.Status, bob.MissedReason, bob.MissedCharge, bob.MissedBy, bob.MissedAt));
    }

    [Fact]
    public void CorrectAttendance_AddsAnAddendumRecordingWhoWhenWhichClientFromToAndWhy_Rule13()
    {
        var note = _session.Signed();

        note.CorrectAttendance(_session.Appointment, _session.Bob.Id, InviteeStatus.Missed, "Left after five minutes", 40.00m, Corrector, A.Today, NextDay);

        Assert.Equal(new Addendum("Left after five minutes", Corrector, NextDay, _session.Bob.Id, InviteeStatus.Attended, InviteeStatus.Missed, 40.00m),
            Assert.Single(note.Addenda));
        Assert.Equal("Attendance corrected from attended to missed (missed-session charge 40.00). Why: Left after five minutes", note.Addenda[0].Shown);
    }

    [Fact]
    public void CorrectAttendance_FromMissedToAttended_TakesTheMissedMarkAway_Rule13()
    {
        _session.Attended(_session.Alice);
        _session.Missed(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared, HeldSession.CompleteSection(_session.Alice.Id));
        Assert.True(note.Sign(HeldSession.Signer, HeldSession.Later).Succeeded);

        var outcome = note.CorrectAttendance(_session.Appointment, _session.Bob.Id, InviteeStatus.Attended, "He was in the waiting room", 0m, Corrector, A.Today, NextDay);

        Assert.True(outcome.Succeeded);
        var bob = InviteeOf(_session.Bob);
        Assert.Equal((InviteeStatus.Attended, null, null), (bob.Status, bob.MissedReason, bob.MissedCharge));
        Assert.Equal("Attendance corrected from missed to attended. Why: He was in the waiting room", Assert.Single(note.Addenda).Shown);
    }

    [Fact]
    public void CorrectAttendance_LeavesTheSignedSectionsAndSignatureAsSigned_Rule13()
    {
        var note = _session.Signed();
        var members = note.Members.ToList();

        note.CorrectAttendance(_session.Appointment, _session.Bob.Id, InviteeStatus.Missed, "Left early", 0m, Corrector, A.Today, NextDay);

        Assert.Equal(members, note.Members);
        Assert.Equal((NoteStatus.Signed, HeldSession.Signer), (note.Status, note.SignedBy));
    }

    [Fact]
    public void CorrectAttendance_OfADraft_IsRefusedAsNoteNotSigned_AndChangesNothing_Rule13()
    {
        var note = _session.Complete();

        var outcome = note.CorrectAttendance(_session.Appointment, _session.Bob.Id, InviteeStatus.Missed, "Left early", 0m, Corrector, A.Today, NextDay);

        Assert.Equal("note-not-signed", Assert.Single(outcome.Refusals).Code);
        Assert.Equal(InviteeStatus.Attended, InviteeOf(_session.Bob).Status);
        Assert.Empty(note.Addenda);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void CorrectAttendance_WithoutAReason_IsRefusedNamingText_Rule13(string? why)
    {
        var note = _session.Signed();

        var refusal = Assert.Single(note.CorrectAttendance(_session.Appointment, _session.Bob.Id, InviteeStatus.Missed, why, 0m, Corrector, A.Today, NextDay).Refusals);

        Assert.Equal(("validation-failed", "text"), (refusal.Code, refusal.Field));
        Assert.Equal(InviteeStatus.Attended, InviteeOf(_session.Bob).Status);
        Assert.Empty(note.Addenda);
    }

    [Fact]
    public void CorrectAttendance_ToTheStatusTheClientAlreadyHas_IsRefusedNamingAttendance_Rule13()
    {
        var note = _session.Signed();

        var refusal = Assert.Single(note.CorrectAttendance(_session.Appointment, _session.Bob.Id, InviteeStatus.Attended, "Just checking", 0m, Corrector, A.Today, NextDay).Refusals);

        Assert.Equal(("validation-failed", "attendance"), (refusal.Code, refusal.Field));
        Assert.Empty(note.Addenda);
    }

    [Fact]
    public void CorrectAttendance_WithANegativeCharge_IsRefusedNamingCharge_AndAddsNoAddendum_Rule13()
    {
        var note = _session.Signed();

        var refusal = Assert.Single(note.CorrectAttendance(_session.Appointment, _session.Bob.Id, InviteeStatus.Missed, "Left early", -5m, Corrector, A.Today, NextDay).Refusals);

        Assert.Equal("charge", refusal.Field);
        Assert.Equal(InviteeStatus.Attended, InviteeOf(_session.Bob).Status);
        Assert.Empty(note.Addenda);
    }

    [Fact]
    public void CorrectAttendance_OfAClientWithoutASection_IsRefusedNamingClientId_Rule13()
    {
        var note = _session.Signed();

        var refusal = Assert.Single(note.CorrectAttendance(_session.Appointment, "someone-else", InviteeStatus.Missed, "Left early", 0m, Corrector, A.Today, NextDay).Refusals);

        Assert.Equal("clientId", refusal.Field);
    }
}
