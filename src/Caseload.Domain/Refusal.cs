namespace Caseload.Domain;

/// <summary>A rule said no. <see cref="Code"/> is stable and machine-readable; <see cref="Field"/> names the input at fault, if one is.</summary>
public sealed record Refusal(string Code, string Message, string? Field = null)
{
    public static Refusal Invalid(string field, string message) => new("validation-failed", message, field);
}

/// <summary>The outcome of a verb that a rule may refuse: either done, or a list of refusals.</summary>
public readonly record struct Outcome(IReadOnlyList<Refusal> Refusals)
{
    public static Outcome Done => new([]);

    public bool Succeeded => Refusals is null || Refusals.Count == 0;

    /// <summary>The first refusal, if any: the one a page shows when it has room for one.</summary>
    public Refusal? First => Succeeded ? null : Refusals[0];

    public static implicit operator Outcome(Refusal refusal) => new([refusal]);

    public static Outcome From(List<Refusal> refusals) => new(refusals);
}
