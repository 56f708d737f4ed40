using Caseload.Domain.Notes;

namespace Caseload.Domain.Tests.Notes;

/// <summary>Rule 12: drafts are saved as often as the clinician types; a signed note never changes.</summary>
public class NoteDraftTests
{
    private readonly HeldSession _session = HeldSession.Booked();

    [Fact]
    public void SaveDraft_KeepsWhatWasWritten_AndBumpsTheVersion_Rule12()
    {
        var note = _session.Start();
        var alice = HeldSession.CompleteSection(_session.Alice.Id);

        var outcome = note.SaveDraft(HeldSession.CompleteShared, [alice], _session.Appointment, HeldSession.Later);

        Assert.True(outcome.Succeeded);
        Assert.Equal(HeldSession.CompleteShared, note.Shared);
        Assert.Equal(alice with { Attendance = HeldSession.SectionOf(note, _session.Alice).Attendance }, HeldSession.SectionOf(note, _session.Alice));
        Assert.Equal((NoteStatus.Draft, 2, HeldSession.Later), (note.Status, note.Version, note.UpdatedAt));
    }

    [Fact]
    public void SaveDraft_OfAnIncompleteNote_IsAllowed_Rule12()
    {
        var note = _session.Start();

        var outcome = note.SaveDraft(new SharedSection("Only a topic so far", null, null, null), [], _session.Appointment, HeldSession.Later);

        Assert.True(outcome.Succeeded);
        Assert.Equal("Only a topic so far", note.Shared.Topic);
    }

    [Fact]
    public void SaveDraft_AfterSigning_IsRefusedAsNoteSigned_Rule12()
    {
        var note = _session.Signed();
        var version = note.Version;

        var outcome = note.SaveDraft(HeldSession.CompleteShared with { Topic = "Rewritten after signing" }, [], _session.Appointment, HeldSession.Later);

        Assert.Equal("note-signed", Assert.Single(outcome.Refusals).Code);
        Assert.Equal(HeldSession.CompleteShared.Topic, note.Shared.Topic);
        Assert.Equal(version, note.Version);
    }

    [Fact]
    public void SaveDraft_WithATextOverTheLimit_IsRefusedAndKeepsTheDraft_Rule12()
    {
        var note = _session.Drafted(HeldSession.CompleteShared);
        var tooLong = HeldSession.CompleteSection(_session.Alice.Id) with { Progress = new string('x', SessionNote.MaxText + 1) };

        var outcome = note.SaveDraft(HeldSession.CompleteShared, [tooLong], _session.Appointment, HeldSession.Later);

        Assert.Equal("validation-failed", Assert.Single(outcome.Refusals).Code);
        Assert.Null(HeldSession.SectionOf(note, _session.Alice).Progress);
        Assert.Equal(2, note.Version);
    }

    [Fact]
    public void SaveDraft_WithATextAtTheLimit_IsAllowed_Rule12()
    {
        var note = _session.Start();

        var outcome = note.SaveDraft(HeldSession.CompleteShared with { GroupProcess = new string('x', SessionNote.MaxText) }, [],
            _session.Appointment, HeldSession.Later);

        Assert.True(outcome.Succeeded);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(601)]
    public void SaveDraft_WithASessionLengthOutsideNoughtToSixHundredMinutes_IsRefused_Rule12(int minutes)
    {
        var note = _session.Start();

        var outcome = note.SaveDraft(HeldSession.CompleteShared with { SessionMinutes = minutes }, [], _session.Appointment, HeldSession.Later);

        Assert.Equal("validation-failed", Assert.Single(outcome.Refusals).Code);
        Assert.Equal(SharedSection.Empty, note.Shared);
    }
}
