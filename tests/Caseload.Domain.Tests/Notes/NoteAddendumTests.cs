using Caseload.Domain.Notes;
using Caseload.Domain.Tests.Scheduling;
using NodaTime;

namespace Caseload.Domain.Tests.Notes;

/// <summary>Rule 12: a signed note is corrected by addenda, appended with author and time; the note itself never changes.</summary>
public class NoteAddendumTests
{
    private const string Author = "Dr Riley";

    private static readonly Instant NextDay = ASession.Now.Plus(Duration.FromDays(1));

    private readonly HeldSession _session = HeldSession.Booked();

    [Fact]
    public void AddAddendum_ToADraft_IsRefusedAsNoteNotSigned_Rule12()
    {
        var note = _session.Complete();

        var outcome = note.AddAddendum("Too early for this", Author, NextDay);

        Assert.Equal("note-not-signed", Assert.Single(outcome.Refusals).Code);
        Assert.Empty(note.Addenda);
    }

    [Fact]
    public void AddAddendum_AfterSigning_IsAppendedWithTheAuthorAndTheTime_Rule12()
    {
        var note = _session.Signed();

        var outcome = note.AddAddendum("  Session ran ten minutes over.  ", Author, NextDay);

        Assert.True(outcome.Succeeded);
        Assert.Equal(new Addendum("Session ran ten minutes over.", Author, NextDay), Assert.Single(note.Addenda));
        Assert.Equal(NextDay, note.UpdatedAt);
    }

    [Fact]
    public void AddAddendum_Again_KeepsThemInTheOrderWritten_Rule12()
    {
        var note = _session.Signed();

        note.AddAddendum("First correction", Author, NextDay);
        note.AddAddendum("Second correction", HeldSession.Signer, NextDay.Plus(Duration.FromHours(1)));

        Assert.Equal(["First correction", "Second correction"], note.Addenda.Select(a => a.Text));
        Assert.Equal([Author, HeldSession.Signer], note.Addenda.Select(a => a.Author));
    }

    [Fact]
    public void AddAddendum_LeavesTheSignedNoteAndItsSignatureAsTheyWere_Rule12()
    {
        var note = _session.Signed();
        var (shared, members) = (note.Shared, note.Members.ToList());

        note.AddAddendum("A correction", Author, NextDay);

        Assert.Equal(shared, note.Shared);
        Assert.Equal(members, note.Members);
        Assert.Equal((NoteStatus.Signed, HeldSession.Signer, HeldSession.Later), (note.Status, note.SignedBy, note.SignedAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AddAddendum_WithoutText_IsRefusedNamingText_Rule12(string? text)
    {
        var note = _session.Signed();

        var refusal = Assert.Single(note.AddAddendum(text, Author, NextDay).Refusals);

        Assert.Equal(("validation-failed", "text"), (refusal.Code, refusal.Field));
        Assert.Empty(note.Addenda);
    }

    [Fact]
    public void AddAddendum_OverTheTextLimit_IsRefused_Rule12()
    {
        var note = _session.Signed();

        var outcome = note.AddAddendum(new string('x', SessionNote.MaxText + 1), Author, NextDay);

        Assert.Equal("validation-failed", Assert.Single(outcome.Refusals).Code);
        Assert.Empty(note.Addenda);
    }
}
