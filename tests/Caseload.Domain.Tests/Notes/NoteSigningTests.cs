using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;

namespace Caseload.Domain.Tests.Notes;

/// <summary>
/// Rule 12: signing records the signer and the time and locks the note, once the session's topic and
/// interventions and every attending member's section are written. A member who missed needs nothing.
/// </summary>
public class NoteSigningTests
{
    private readonly HeldSession _session = HeldSession.Booked();

    private string Alice => _session.Alice.Id;

    private string Bob => _session.Bob.Id;

    /// <summary>The summary a signer reads first; every refusal, the summary and each empty field's, says note-incomplete.</summary>
    private static Refusal RefusedAsIncomplete(Outcome outcome)
    {
        Assert.False(outcome.Succeeded);
        Assert.All(outcome.Refusals, r => Assert.Equal("note-incomplete", r.Code));
        var summary = outcome.Refusals[0];
        Assert.Null(summary.Field);
        return summary;
    }

    private string NameOf(string clientId) => clientId == Alice ? _session.Alice.FullName : _session.Bob.FullName;

    private static void AssertStillADraft(SessionNote note)
    {
        Assert.Equal(NoteStatus.Draft, note.Status);
        Assert.Null(note.SignedBy);
        Assert.Null(note.SignedAt);
    }

    [Fact]
    public void Sign_OfACompleteNote_RecordsTheSignerAndTheTime_Rule12()
    {
        var note = _session.Complete();
        var at = HeldSession.Later.PlusTicks(1);

        var outcome = note.Sign(HeldSession.Signer, at);

        Assert.True(outcome.Succeeded);
        Assert.Equal((NoteStatus.Signed, HeldSession.Signer, at), (note.Status, note.SignedBy, note.SignedAt));
        Assert.Equal(at, note.UpdatedAt);
    }

    [Fact]
    public void Sign_Twice_IsRefusedAsNoteSigned_AndKeepsTheFirstSignature_Rule12()
    {
        var note = _session.Signed();

        var outcome = note.Sign("Someone else", HeldSession.Later.PlusTicks(1));

        Assert.Equal("note-signed", Assert.Single(outcome.Refusals).Code);
        Assert.Equal((HeldSession.Signer, HeldSession.Later), (note.SignedBy, note.SignedAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Sign_WithoutTheSessionsTopic_IsRefusedAsNoteIncomplete_Rule12(string? topic)
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared with { Topic = topic }, HeldSession.CompleteSection(Alice), HeldSession.CompleteSection(Bob));

        var refusal = RefusedAsIncomplete(note.Sign(HeldSession.Signer, HeldSession.Later));

        Assert.Contains("topic", refusal.Message, StringComparison.Ordinal);
        AssertStillADraft(note);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Sign_WithoutTheInterventionsUsed_IsRefusedAsNoteIncomplete_Rule12(string? interventions)
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared with { Interventions = interventions },
            HeldSession.CompleteSection(Alice), HeldSession.CompleteSection(Bob));

        var refusal = RefusedAsIncomplete(note.Sign(HeldSession.Signer, HeldSession.Later));

        Assert.Contains("interventions", refusal.Message, StringComparison.Ordinal);
        AssertStillADraft(note);
    }

    [Fact]
    public void Sign_WithoutGroupProcessOrSessionLength_IsAllowed_Rule12()
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared with { GroupProcess = null, SessionMinutes = null },
            HeldSession.CompleteSection(Alice), HeldSession.CompleteSection(Bob));

        Assert.True(note.Sign(HeldSession.Signer, HeldSession.Later).Succeeded);
    }

    [Fact]
    public void Sign_WithAnAttendingMembersPlanMissing_IsRefused_Rule12()
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared, HeldSession.CompleteSection(Alice), HeldSession.CompleteSection(Bob) with { Plan = " " });

        var refusal = RefusedAsIncomplete(note.Sign(HeldSession.Signer, HeldSession.Later));

        Assert.Contains($"plan for {Bob}", refusal.Message, StringComparison.Ordinal);
        AssertStillADraft(note);
    }

    [Theory]
    [InlineData("participation")]
    [InlineData("progress toward goals")]
    [InlineData("mood/affect")]
    public void Sign_WithAnAttendingMembersSectionMissingAField_IsRefusedNamingIt_Rule12(string field)
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var complete = HeldSession.CompleteSection(Alice);
        var gap = field switch
        {
            "participation" => complete with { Participation = null },
            "progress toward goals" => complete with { Progress = "" },
            _ => complete with { MoodAffect = null },
        };
        var note = _session.Drafted(HeldSession.CompleteShared, gap, HeldSession.CompleteSection(Bob));

        var refusal = RefusedAsIncomplete(note.Sign(HeldSession.Signer, HeldSession.Later));

        Assert.Contains($"{field} for {Alice}", refusal.Message, StringComparison.Ordinal);
        AssertStillADraft(note);
    }

    [Fact]
    public void Sign_WithAMemberStillMarkedInvited_NeedsTheirSectionAsIfTheyAttended_Rule12()
    {
        _session.Attended(_session.Alice);
        var note = _session.Drafted(HeldSession.CompleteShared, HeldSession.CompleteSection(Alice));

        var refusal = RefusedAsIncomplete(note.Sign(HeldSession.Signer, HeldSession.Later));

        Assert.Contains($"for {Bob}", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_WithAMissedMembersSectionEmpty_IsAllowed_Rule12()
    {
        _session.Attended(_session.Alice);
        _session.Missed(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared, HeldSession.CompleteSection(Alice));

        var outcome = note.Sign(HeldSession.Signer, HeldSession.Later);

        Assert.True(outcome.Succeeded);
        Assert.Null(HeldSession.SectionOf(note, _session.Bob).Progress);
        Assert.Equal(InviteeStatus.Missed, HeldSession.SectionOf(note, _session.Bob).Attendance);
    }

    [Theory]
    [InlineData(Risk.Low)]
    [InlineData(Risk.Moderate)]
    [InlineData(Risk.High)]
    public void Sign_WithRiskAboveNoneAndNoDetail_IsRefused_Rule12(Risk risk)
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared,
            HeldSession.CompleteSection(Alice) with { Risk = risk, RiskDetail = "  " }, HeldSession.CompleteSection(Bob));

        var refusal = RefusedAsIncomplete(note.Sign(HeldSession.Signer, HeldSession.Later));

        Assert.Contains($"risk detail for {Alice}", refusal.Message, StringComparison.Ordinal);
        AssertStillADraft(note);
    }

    [Fact]
    public void Sign_WithRiskAboveNoneAndItsDetail_IsAllowed_Rule12()
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared,
            HeldSession.CompleteSection(Alice) with { Risk = Risk.High, RiskDetail = "Passive ideation, safety plan reviewed" }, HeldSession.CompleteSection(Bob));

        Assert.True(note.Sign(HeldSession.Signer, HeldSession.Later).Succeeded);
        Assert.Equal(Risk.High, HeldSession.SectionOf(note, _session.Alice).Risk);
    }

    [Fact]
    public void Sign_WithRiskNone_NeedsNoDetail_Rule12()
    {
        var note = _session.Complete();

        Assert.Null(HeldSession.SectionOf(note, _session.Alice).RiskDetail);
        Assert.True(note.Sign(HeldSession.Signer, HeldSession.Later).Succeeded);
    }

    [Fact]
    public void Sign_OfAFreshNote_ListsEveryGapInOneRefusal_Rule12()
    {
        var note = _session.Start();

        var refusal = RefusedAsIncomplete(note.Sign(HeldSession.Signer, HeldSession.Later));

        Assert.Contains("topic", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("interventions", refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"for {Alice}", refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"for {Bob}", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, note.Version);
    }

    [Fact]
    public void Sign_WithAMembersFieldsEmpty_NamesTheMemberInTheSummaryAndRefusesEachEmptyFieldByName_SignOffErrors()
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared, HeldSession.CompleteSection(Alice),
            HeldSession.CompleteSection(Bob) with { Participation = null, Plan = "" });

        var outcome = note.Sign(HeldSession.Signer, HeldSession.Later, NameOf);

        var summary = RefusedAsIncomplete(outcome);
        Assert.Equal($"Complete before signing: participation, plan for {_session.Bob.FullName}.", summary.Message);
        Assert.Equal([$"members.{Bob}.participation", $"members.{Bob}.plan"], outcome.Refusals.Skip(1).Select(r => r.Field));
        Assert.All(outcome.Refusals.Skip(1), r => Assert.Contains(_session.Bob.FullName, r.Message, StringComparison.Ordinal));
        AssertStillADraft(note);
    }

    [Fact]
    public void Sign_WithoutTopicOrInterventions_RefusesEachSharedFieldByName_SignOffErrors()
    {
        _session.Attended(_session.Alice);
        _session.Attended(_session.Bob);
        var note = _session.Drafted(HeldSession.CompleteShared with { Topic = null, Interventions = " " },
            HeldSession.CompleteSection(Alice), HeldSession.CompleteSection(Bob));

        var outcome = note.Sign(HeldSession.Signer, HeldSession.Later, NameOf);

        RefusedAsIncomplete(outcome);
        Assert.Equal(["shared.topic", "shared.interventions"], outcome.Refusals.Skip(1).Select(r => r.Field));
    }
}
