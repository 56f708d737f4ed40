namespace Caseload.Domain;

/// <summary>
/// Every refusal code, said once. Codes are part of the pinned API (a problem detail's <c>code</c>),
/// so they never change once released.
/// </summary>
public static class RefusalCodes
{
    public const string ValidationFailed = "validation-failed";
    public const string MalformedRequest = "malformed-request";
    public const string NotFound = "not-found";
    public const string Forbidden = "forbidden";
    public const string PreconditionFailed = "precondition-failed";
    public const string TwoFactorRequired = "two-factor-required";
    public const string TwoFactorSetupRequired = "two-factor-setup-required";
    public const string TwoFactorCodeInvalid = "two-factor-code-invalid";
    public const string ConcurrentChange = "concurrent-change";
    public const string Conflict = "conflict";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string ClientNotYours = "client-not-yours";
    public const string ClinicianNotYours = "clinician-not-yours";
    public const string PossibleDuplicate = "possible-duplicate";
    public const string EmailTaken = "email-taken";
    public const string AlreadyDischarged = "already-discharged";
    public const string ClientDischarged = "client-discharged";
    public const string GroupArchived = "group-archived";
    public const string AlreadyMember = "already-member";
    public const string GroupFull = "group-full";
    public const string NotAMember = "not-a-member";
    public const string AppointmentCancelled = "appointment-cancelled";
    public const string CalendarFeedNeedsClinician = "calendar-feed-needs-clinician";
    public const string InviteeRemovalLocked = "invitee-removal-locked";
    public const string NotInvited = "not-invited";
    public const string OnlyInvitee = "only-invitee";
    public const string NotYetMissable = "not-yet-missable";
    public const string AlreadyMissed = "already-missed";
    public const string NotMissed = "not-missed";
    public const string NotYetAttendable = "not-yet-attendable";
    public const string NoLateAdditions = "no-late-additions";
    public const string HasGroupNote = "has-group-note";
    public const string HasPayment = "has-payment";
    public const string PaymentTaken = "payment-taken";
    public const string InvoiceVoid = "invoice-void";
    public const string NotRefundable = "not-refundable";
    public const string NoteIncomplete = "note-incomplete";
    public const string NoteNotSigned = "note-not-signed";
    public const string NoteSigned = "note-signed";
    public const string NoteNotBlank = "note-not-blank";
    public const string NoPreviousNote = "no-previous-note";
    public const string DeliveryFailed = "delivery-failed";
    public const string Antiforgery = "antiforgery";
    public const string TooManyAttempts = "too-many-attempts";
    public const string LastAdministrator = "last-administrator";
    public const string CannotDeactivateSelf = "cannot-deactivate-self";
    public const string ClaimNotOpen = "claim-not-open";
    public const string ClaimIncomplete = "claim-incomplete";
    public const string ClaimPaid = "claim-paid";
    public const string PortalOff = "portal-off";
    public const string CodeInvalid = "code-invalid";
    public const string EmailNotSetUp = "email-not-set-up";
    public const string LateCancelFee = "late-cancel-fee";
    public const string SessionStarted = "session-started";
    public const string AttendanceRecorded = "attendance-recorded";
    public const string AlreadyEligible = "already-eligible";
    public const string NotEligible = "not-eligible";
    public const string SelfBookingOff = "self-booking-off";
    public const string NotAGroupSession = "not-a-group-session";
    public const string AlreadyBooked = "already-booked";
    public const string Full = "full";
    public const string NotFull = "not-full";
    public const string AlreadyWaitlisted = "already-waitlisted";
    public const string NoOpenOffer = "no-open-offer";
}
