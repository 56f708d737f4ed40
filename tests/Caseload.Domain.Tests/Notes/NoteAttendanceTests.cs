using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Scheduling;

namespace Caseload.Domain.Tests.Notes;

/// <summary>Rule 12: a note has one section per invitee, and each section's attendance is the appointment's, never the writer's.</summary>
public class NoteAttendanceTests
{
    private readonly HeldSession _session = HeldSession.Booked();

    [Fact]
    public void Start_OfAGroupAppointment_IsAnEmptyDraftWithOneSectionPerInvitee_Rule12()
    {
        var note = _session.Start();

        Assert.Equal((NoteStatus.Draft, _session.Appointment.Id, _session.Appointment.ClinicianId), (note.Status, note.AppointmentId, note.ClinicianId));
        Assert.Equal([_session.Alice.Id, _session.Bob.Id], note.Members.Select(m => m.ClientId));
        Assert.All(note.Members, m => Assert.Empty(new[] { m.Participation, m.Progress, m.MoodAffect, m.RiskDetail, m.Plan }.OfType<string>()));
        Assert.All(note.Members, m => Assert.Equal(Risk.None, m.Risk));
        Assert.Equal(SharedSection.Empty, note.Shared);
        Assert.Null(note.SignedBy);
        Assert.Empty(note.Addenda);
    }

    [Fact]
    public void Start_PrefillsEachSectionsAttendanceFromTheAppointment_Rule12()
    {
        _session.Attended(_session.Alice);
        _session.Missed(_session.Bob);

        var note = _session.Start();

        Assert.Equal(InviteeStatus.Attended, HeldSession.SectionOf(note, _session.Alice).Attendance);
        Assert.Equal(InviteeStatus.Missed, HeldSession.SectionOf(note, _session.Bob).Attendance);
        Assert.False(HeldSession.SectionOf(note, _session.Bob).Attended);
    }

    [Fact]
    public void Start_WithAttendanceNotYetTaken_CountsEachInviteeAsAttending_Rule12()
    {
        var note = _session.Start();

        Assert.All(note.Members, m => Assert.Equal(InviteeStatus.Invited, m.Attendance));
        Assert.All(note.Members, m => Assert.True(m.Attended));
    }

    [Fact]
    public void SaveDraft_RefreshesAttendanceMarkedSinceTheNoteStarted_Rule12()
    {
        var note = _session.Start();
        _session.Missed(_session.Bob);
        _session.Attended(_session.Alice);

        Assert.True(note.SaveDraft(HeldSession.CompleteShared, [], _session.Appointment, HeldSession.Later).Succeeded);

        Assert.Equal(InviteeStatus.Attended, HeldSession.SectionOf(note, _session.Alice).Attendance);
        Assert.Equal(InviteeStatus.Missed, HeldSession.SectionOf(note, _session.Bob).Attendance);
    }

    [Fact]
    public void SaveDraft_IgnoresTheAttendanceTheWriterSends_Rule12()
    {
        _session.Missed(_session.Bob);
        var note = _session.Start();

        note.SaveDraft(HeldSession.CompleteShared, [HeldSession.CompleteSection(_session.Bob.Id) with { Attendance = InviteeStatus.Attended }],
            _session.Appointment, HeldSession.Later);

        Assert.Equal(InviteeStatus.Missed, HeldSession.SectionOf(note, _session.Bob).Attendance);
    }

    [Fact]
    public void SaveDraft_IgnoresASectionForAClientNotInvited_Rule12()
    {
        var note = _session.Start();

        note.SaveDraft(HeldSession.CompleteShared, [HeldSession.CompleteSection("client-not-invited")], _session.Appointment, HeldSession.Later);

        Assert.Equal([_session.Alice.Id, _session.Bob.Id], note.Members.Select(m => m.ClientId));
    }

    [Fact]
    public void SaveDraft_KeepsTheSectionsOfMembersTheWriterLeftOut_Rule12()
    {
        var note = _session.Drafted(HeldSession.CompleteShared, HeldSession.CompleteSection(_session.Bob.Id));

        note.SaveDraft(HeldSession.CompleteShared, [HeldSession.CompleteSection(_session.Alice.Id) with { Plan = "Alice's new plan" }],
            _session.Appointment, ASession.Now);

        Assert.Equal("Alice's new plan", HeldSession.SectionOf(note, _session.Alice).Plan);
        Assert.Equal(HeldSession.CompleteSection(_session.Bob.Id).Participation, HeldSession.SectionOf(note, _session.Bob).Participation);
    }
}
