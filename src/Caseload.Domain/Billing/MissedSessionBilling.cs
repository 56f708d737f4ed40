namespace Caseload.Domain.Billing;

/// <summary>Rule 7 on the billing side: what a missed session costs, and when money taken stops a missed mark.</summary>
public static class MissedSessionBilling
{
    /// <summary>The charge a missed mark proposes when none is given: the client's missed-session fee, else the practice's.</summary>
    /// <remarks>A practice may agree a lower (or no) fee with one client; everyone else pays the practice's.</remarks>
    public static decimal DefaultCharge(decimal? clientFee, decimal practiceFee) => clientFee ?? practiceFee;

    /// <summary>
    /// A client who paid for the session cannot be marked missed: marking missed voids the session's
    /// invoice, and an invoice holding a payment is never voided behind the biller's back.
    /// </summary>
    /// <param name="serviceInvoice">The session's live (not void) invoice for the client, if one was issued.</param>
    public static Refusal? MayMarkMissed(Invoice? serviceInvoice) =>
        serviceInvoice is { ClientPaid: not 0 }
            ? new Refusal(RefusalCodes.PaymentTaken, "A payment was taken for this session: refund it before marking the client missed.")
            : null;

    /// <summary>Undoing a missed mark voids the missed-session invoice; a payment on it must be refunded first.</summary>
    /// <param name="missedInvoice">The live missed-session invoice for the client, if a charge was made.</param>
    public static Refusal? MayUndoMissed(Invoice? missedInvoice) =>
        missedInvoice is { ClientPaid: not 0 }
            ? new Refusal(RefusalCodes.PaymentTaken, "A payment was taken for the missed-session charge: refund it before undoing.")
            : null;
}
