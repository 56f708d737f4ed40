using NodaTime;

namespace Caseload.Domain.Practices;

/// <summary>
/// The client portal: whether it is on, and the practice's policy for what clients do there. A cancellation
/// less than <see cref="LateCancelHours"/> before a session is late and carries the missed-session fee; a seat
/// offered from a waitlist is held for <see cref="OfferHold"/>, or until <see cref="OfferCutoffHours"/> before the
/// session if that comes sooner, so that a seat freed late can still pass down the line before the session.
/// </summary>
public sealed record PortalPolicy(bool Enabled, int LateCancelHours, int OfferCutoffHours)
{
    public const int MaxHours = 14 * 24;

    /// <summary>Off until the practice turns it on; the common 24-hour cancellation policy; offers end 2 hours before.</summary>
    public static readonly PortalPolicy Default = new(false, 24, 2);

    /// <summary>How long an offered seat waits for its client at most.</summary>
    public static readonly Duration OfferHold = Duration.FromHours(24);

    public bool IsLateCancel(Instant sessionStart, Instant now) => now > sessionStart - Duration.FromHours(LateCancelHours);

    public Instant OfferExpiresAt(Instant offeredAt, Instant sessionStart)
    {
        var cutoff = sessionStart - Duration.FromHours(OfferCutoffHours);
        return offeredAt + OfferHold < cutoff ? offeredAt + OfferHold : cutoff;
    }

    public IReadOnlyList<Refusal> Validate()
    {
        var refusals = new List<Refusal>();
        if (LateCancelHours is < 0 or > MaxHours)
        {
            refusals.Add(Refusal.Invalid("portal.lateCancelHours", $"The late-cancel window must be from 0 to {MaxHours} hours."));
        }

        if (OfferCutoffHours is < 0 or > MaxHours)
        {
            refusals.Add(Refusal.Invalid("portal.offerCutoffHours", $"Waitlist offers must end from 0 to {MaxHours} hours before the session."));
        }

        return refusals;
    }
}
