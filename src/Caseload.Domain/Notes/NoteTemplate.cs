using Caseload.Domain.Scheduling;

namespace Caseload.Domain.Notes;

/// <summary>The words a template gives: the shared part of a note and the part written for each attending member.</summary>
public sealed record NoteTemplateText(
    string? Name,
    string? Topic,
    string? Interventions,
    string? GroupProcess,
    string? Participation,
    string? Progress,
    string? MoodAffect,
    string? Plan);

/// <summary>
/// A practice's starting text for a note, kept by administrators: a clinician picks one on an empty draft and
/// edits from there. It holds no client's data: only the wording the practice writes again and again.
/// </summary>
public sealed class NoteTemplate
{
    public const int MaxName = 120;

    private NoteTemplate()
    {
    }

    public string Id { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? Topic { get; private set; }

    public string? Interventions { get; private set; }

    public string? GroupProcess { get; private set; }

    public string? Participation { get; private set; }

    public string? Progress { get; private set; }

    public string? MoodAffect { get; private set; }

    public string? Plan { get; private set; }

    public SharedSection Shared => new(Topic, Interventions, GroupProcess, null);

    public static Outcome<NoteTemplate> Create(NoteTemplateText text)
    {
        var template = new NoteTemplate { Id = Guid.CreateVersion7().ToString("N") };
        var changed = template.Change(text);
        return changed.Succeeded ? template : changed;
    }

    public Outcome Change(NoteTemplateText text)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(text.Name) || text.Name.Trim().Length > MaxName)
        {
            refusals.Add(Refusal.Invalid("name", $"Name the template (at most {MaxName} characters)."));
        }

        var fields = new (string Field, string? Text)[]
        {
            ("topic", text.Topic), ("interventions", text.Interventions), ("groupProcess", text.GroupProcess),
            ("participation", text.Participation), ("progress", text.Progress), ("moodAffect", text.MoodAffect), ("plan", text.Plan),
        };
        refusals.AddRange(fields.Select(f => TextLimits.Check(f.Text, SessionNote.MaxText, f.Field)).OfType<Refusal>());
        if (fields.All(f => string.IsNullOrWhiteSpace(f.Text)))
        {
            refusals.Add(Refusal.Invalid("topic", "Write at least one part of the template."));
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        Name = text.Name!.Trim();
        Topic = Clean(text.Topic);
        Interventions = Clean(text.Interventions);
        GroupProcess = Clean(text.GroupProcess);
        Participation = Clean(text.Participation);
        Progress = Clean(text.Progress);
        MoodAffect = Clean(text.MoodAffect);
        Plan = Clean(text.Plan);
        return Outcome.Done;
    }

    /// <summary>The member part for one invitee: written for those who may attend, none for a member who missed.</summary>
    public MemberSection? SectionFor(Invitee invitee) => invitee.Status == InviteeStatus.Missed
        ? null
        : new MemberSection(invitee.ClientId, invitee.Status, Participation, Progress, MoodAffect, Risk.None, null, Plan);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
