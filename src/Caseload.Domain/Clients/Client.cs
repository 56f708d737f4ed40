using System.Net.Mail;
using Caseload.Domain.Billing;
using NodaTime;

namespace Caseload.Domain.Clients;

public enum BillingMode
{
    SelfPay,
    Insurance,
}

/// <summary>How a client's sessions are paid for.</summary>
/// <param name="Rate">Self-pay only: a sliding-scale rate that replaces the practice fee.</param>
/// <param name="Copay">Insurance only: what the client owes per session; the payer owes the rest.</param>
public sealed record BillingSettings(BillingMode Mode, decimal? Rate, string? Payer, string? MemberId, decimal? Copay)
{
    public static BillingSettings SelfPay(decimal? rate = null) => new(BillingMode.SelfPay, rate, null, null, null);

    public static BillingSettings Insurance(string payer, string memberId, decimal copay) =>
        new(BillingMode.Insurance, null, payer, memberId, copay);
}

public sealed record ReminderPreferences(bool Email, bool Text);

/// <summary>What staff enter about a client.</summary>
public sealed record ClientDetails(
    string FirstName,
    string LastName,
    LocalDate? DateOfBirth,
    string? Email,
    string? Mobile,
    ReminderPreferences Reminders,
    BillingSettings Billing,
    decimal? MissedSessionFee,
    Insurance.Coverage? Coverage = null);

/// <summary>A person the practice sees, on exactly one clinician's caseload.</summary>
public sealed class Client
{
    private Client()
    {
    }

    public string Id { get; private set; } = "";

    public string ClinicianId { get; private set; } = "";

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    public LocalDate DateOfBirth { get; private set; }

    public string? Email { get; private set; }

    public string? Mobile { get; private set; }

    public ReminderPreferences Reminders { get; private set; } = new(false, false);

    public BillingSettings Billing { get; private set; } = BillingSettings.SelfPay();

    /// <summary>What a claim needs of the client's insurance beyond <see cref="Billing"/>: payer id, policy holder, diagnoses.</summary>
    public Insurance.Coverage Coverage { get; private set; } = Insurance.Coverage.None;

    /// <summary>Replaces the practice's missed-session fee for this client when set.</summary>
    public decimal? MissedSessionFee { get; private set; }

    public LocalDate? DischargedOn { get; private set; }

    public bool IsActive => DischargedOn is null;

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>The name folded to lower case, so that search and duplicate checks ignore case on every database.</summary>
    public string SearchName { get; private set; } = "";

    public static (Client? Client, Outcome Outcome) Create(string clinicianId, ClientDetails details, LocalDate today)
    {
        var client = new Client { Id = Guid.CreateVersion7().ToString("N"), ClinicianId = clinicianId };
        var outcome = client.Update(details, today);
        return outcome.Succeeded ? (client, outcome) : (null, outcome);
    }

    public Outcome Update(ClientDetails details, LocalDate today)
    {
        var refusals = Validate(details, today);
        var coverage = details.Coverage?.Checked(today);
        refusals.AddRange(coverage?.Refusals ?? []);
        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        FirstName = details.FirstName.Trim();
        LastName = details.LastName.Trim();
        SearchName = $"{FirstName} {LastName}".ToLowerInvariant();
        DateOfBirth = details.DateOfBirth!.Value;
        Email = Blank(details.Email);
        Mobile = Blank(details.Mobile);
        Reminders = details.Reminders;
        Billing = Normalise(details.Billing);
        MissedSessionFee = details.MissedSessionFee is { } fee ? Money.Round(fee) : null;
        Coverage = coverage?.Value ?? Coverage;
        return Outcome.Done;
    }

    /// <summary>Judges details without applying them.</summary>
    public static Outcome Check(ClientDetails details, LocalDate today) =>
        Outcome.From([.. Validate(details, today), .. details.Coverage?.Checked(today).Refusals ?? []]);

    /// <summary>Billers change how a client pays without touching anything else; coverage left out (null) stays as it is.</summary>
    public Outcome ChangeBilling(BillingSettings billing, decimal? missedSessionFee, Insurance.Coverage? coverage = null, LocalDate? today = null)
    {
        var refusals = new List<Refusal>();
        ValidateBilling(billing, missedSessionFee, refusals);
        var checkedCoverage = coverage?.Checked(today ?? LocalDate.MaxIsoValue);
        refusals.AddRange(checkedCoverage?.Refusals ?? []);
        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        Billing = Normalise(billing);
        MissedSessionFee = missedSessionFee is { } fee ? Money.Round(fee) : null;
        Coverage = checkedCoverage?.Value ?? Coverage;
        return Outcome.Done;
    }

    /// <summary>Moves the client to another clinician's caseload (a transfer of care).</summary>
    public void AssignTo(string clinicianId) => ClinicianId = clinicianId;

    public Outcome Discharge(LocalDate today)
    {
        if (!IsActive)
        {
            return new Refusal(RefusalCodes.AlreadyDischarged, $"{FullName} was already discharged on {DischargedOn:uuuu-MM-dd}.");
        }

        DischargedOn = today;
        return Outcome.Done;
    }

    public void Readmit() => DischargedOn = null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static BillingSettings Normalise(BillingSettings b) => b.Mode == BillingMode.SelfPay
        ? BillingSettings.SelfPay(b.Rate is { } rate ? Money.Round(rate) : null)
        : BillingSettings.Insurance(b.Payer!.Trim(), b.MemberId!.Trim(), Money.Round(b.Copay!.Value));

    private static List<Refusal> Validate(ClientDetails d, LocalDate today)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(d.FirstName) || d.FirstName.Trim().Length > TextLimits.ClientName)
        {
            refusals.Add(Refusal.Invalid("firstName", $"Enter the first name (at most {TextLimits.ClientName} characters)."));
        }

        if (string.IsNullOrWhiteSpace(d.LastName) || d.LastName.Trim().Length > TextLimits.ClientName)
        {
            refusals.Add(Refusal.Invalid("lastName", $"Enter the last name (at most {TextLimits.ClientName} characters)."));
        }

        if (d.DateOfBirth is not { } born || born > today || born < SupportedDates.Earliest)
        {
            refusals.Add(Refusal.Invalid("dateOfBirth", "Enter a date of birth between 1900 and today."));
        }

        var email = Blank(d.Email);
        if (email is not null && (email.Length > TextLimits.Email || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            refusals.Add(Refusal.Invalid("email", "Enter a valid email address, such as name@example.com."));
        }
        else if (email is null && d.Reminders.Email)
        {
            refusals.Add(Refusal.Invalid("email", "Email reminders need an email address."));
        }

        var mobile = Blank(d.Mobile);
        if (mobile is not null && !IsPhoneNumber(mobile))
        {
            refusals.Add(Refusal.Invalid("mobile", "Enter a mobile number of 10 to 15 digits, such as +1 555 010 2040."));
        }
        else if (mobile is null && d.Reminders.Text)
        {
            refusals.Add(Refusal.Invalid("mobile", "Text reminders need a mobile number."));
        }

        ValidateBilling(d.Billing, d.MissedSessionFee, refusals);
        return refusals;
    }

    private static void ValidateBilling(BillingSettings? b, decimal? missedSessionFee, List<Refusal> refusals)
    {
        if (b is null)
        {
            refusals.Add(Refusal.Invalid("billing.mode", "Choose self-pay or insurance."));
            return;
        }

        if (b.Mode == BillingMode.SelfPay && b.Rate is < 0 or > 100_000)
        {
            refusals.Add(Refusal.Invalid("billing.rate", "A sliding-scale rate must be from 0.00 to 100000.00."));
        }

        if (b.Mode == BillingMode.Insurance)
        {
            if (string.IsNullOrWhiteSpace(b.Payer) || b.Payer.Trim().Length > TextLimits.Payer)
            {
                refusals.Add(Refusal.Invalid("billing.payer", "Enter the insurance payer's name."));
            }

            if (string.IsNullOrWhiteSpace(b.MemberId) || b.MemberId.Trim().Length > TextLimits.MemberId)
            {
                refusals.Add(Refusal.Invalid("billing.memberId", "Enter the member id from the insurance card."));
            }

            if (b.Copay is not (>= 0 and <= 100_000))
            {
                refusals.Add(Refusal.Invalid("billing.copay", "Enter the copay, 0.00 if none."));
            }
        }

        if (missedSessionFee is < 0 or > 100_000)
        {
            refusals.Add(Refusal.Invalid("missedSessionFee", "A missed-session fee must be from 0.00 to 100000.00."));
        }
    }

    private static bool IsPhoneNumber(string text)
    {
        var digits = text.Count(char.IsAsciiDigit);
        return digits is >= 10 and <= 15 && text.Length <= TextLimits.Mobile && text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.')
            && text.IndexOf('+', 1) < 0;
    }
}
