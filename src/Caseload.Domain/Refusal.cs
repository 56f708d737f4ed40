namespace Caseload.Domain;

/// <summary>A rule said no. <see cref="Code"/> is stable and machine-readable; <see cref="Field"/> names the input at fault, if one is.</summary>
public sealed record Refusal(string Code, string Message, string? Field = null)
{
    /// <summary>
    /// Facts a caller needs to act on the refusal beyond its message, by a stable name: the fee a late cancellation
    /// carries, so the client can be shown it and confirm. The API gives each as a member of the problem detail.
    /// </summary>
    public IReadOnlyDictionary<string, object>? Facts { get; init; }

    public static Refusal Invalid(string field, string message) => new(RefusalCodes.ValidationFailed, message, field);

    public static Refusal NotFound(string message) => new(RefusalCodes.NotFound, message);

    public static Refusal Forbidden(string message) => new(RefusalCodes.Forbidden, message);
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

/// <summary>
/// The outcome of a use case that produces something: the value when done, else the refusals.
/// A caller never null-checks a value to learn whether it was refused.
/// </summary>
public readonly record struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, IReadOnlyList<Refusal> refusals) => (_value, Refusals) = (value, refusals);

    public IReadOnlyList<Refusal> Refusals { get => field ?? []; private init; }

    public bool Succeeded => Refusals.Count == 0;

    /// <summary>The value of a successful outcome; reading it from a refused one is a bug.</summary>
    public T Value => Succeeded ? _value! : throw new InvalidOperationException("A refused outcome has no value: " + Refusals[0].Message);

    public Refusal? First => Succeeded ? null : Refusals[0];

    /// <summary>The refusals alone, for a caller that answers with them.</summary>
    public Outcome AsOutcome => new(Refusals);

    public static implicit operator Outcome<T>(T value) => new(value, []);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, [refusal]);

    /// <summary>A refused <see cref="Outcome"/> carried over; a successful one has no value to give, so that is a bug.</summary>
    public static implicit operator Outcome<T>(Outcome outcome) => outcome.Succeeded
        ? throw new InvalidOperationException("A successful outcome needs a value.")
        : new(default, outcome.Refusals);
}

/// <summary>Optimistic concurrency: a change made on a stale copy is refused, so no one's edit is silently lost.</summary>
public static class Versions
{
    /// <param name="expected">The version the person last saw, or null when they did not say (then any version is taken).</param>
    public static Refusal? Check(int? expected, int actual, string message) =>
        expected is { } seen && seen != actual ? new Refusal(RefusalCodes.PreconditionFailed, message) : null;
}
