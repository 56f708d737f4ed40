using Caseload.Domain;
using Caseload.Domain.Clients;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Clients;

public sealed record RemindersDto(bool Email, bool Text);

public sealed record BillingDto(string Mode, decimal? Rate = null, string? Payer = null, string? MemberId = null, decimal? Copay = null)
{
    public const string SelfPay = "selfPay";
    public const string Insurance = "insurance";

    public static BillingDto From(BillingSettings b) => b.Mode == BillingMode.SelfPay
        ? new(SelfPay, b.Rate)
        : new(Insurance, null, b.Payer, b.MemberId, b.Copay);

    public BillingSettings? ToSettings() => Mode switch
    {
        SelfPay => BillingSettings.SelfPay(Rate),
        Insurance => new BillingSettings(BillingMode.Insurance, null, Payer, MemberId, Copay),
        _ => null,
    };
}

/// <summary>The client as the pinned API writes it.</summary>
public sealed record ClientInput(
    string? FirstName,
    string? LastName,
    string? DateOfBirth,
    string? Email,
    string? Mobile,
    string? ClinicianId,
    RemindersDto? Reminders,
    BillingDto? Billing,
    decimal? MissedSessionFee = null)
{
    /// <summary>
    /// Turns the wire shape into the domain's. Fields that cannot even be read are named in
    /// <c>Unreadable</c>; the domain then judges the rest, so one answer lists every bad field.
    /// </summary>
    public (ClientDetails Details, List<Refusal> Unreadable) ToDetails()
    {
        var unreadable = new List<Refusal>();
        LocalDate? born = null;
        if (!string.IsNullOrWhiteSpace(DateOfBirth))
        {
            var parsed = LocalDatePattern.Iso.Parse(DateOfBirth.Trim());
            if (parsed.Success)
            {
                born = parsed.Value;
            }
            else
            {
                unreadable.Add(Refusal.Invalid("dateOfBirth", "Give the date of birth as YYYY-MM-DD."));
            }
        }

        var billing = (Billing ?? new BillingDto(BillingDto.SelfPay)).ToSettings();
        if (billing is null)
        {
            unreadable.Add(Refusal.Invalid("billing.mode", "Billing mode must be selfPay or insurance."));
        }

        var reminders = Reminders ?? new RemindersDto(false, false);
        return (new ClientDetails(FirstName ?? "", LastName ?? "", born, Email, Mobile,
            new ReminderPreferences(reminders.Email, reminders.Text), billing ?? BillingSettings.SelfPay(), MissedSessionFee), unreadable);
    }

    /// <summary>The unreadable fields first, then the domain's refusals of fields not already named.</summary>
    public static Outcome Merge(List<Refusal> unreadable, Outcome outcome) => Outcome.From(
        [.. unreadable, .. (outcome.Refusals ?? []).Where(r => unreadable.All(u => u.Field != r.Field))]);
}

/// <summary>The client as the pinned API reads it.</summary>
public sealed record ClientDto(
    string Id,
    string FirstName,
    string LastName,
    string DateOfBirth,
    string? Email,
    string? Mobile,
    string ClinicianId,
    RemindersDto Reminders,
    BillingDto Billing,
    decimal? MissedSessionFee,
    bool Active,
    string? DischargedOn)
{
    public static ClientDto From(Client c) => new(c.Id, c.FirstName, c.LastName, LocalDatePattern.Iso.Format(c.DateOfBirth),
        c.Email, c.Mobile, c.ClinicianId, new RemindersDto(c.Reminders.Email, c.Reminders.Text), BillingDto.From(c.Billing),
        c.MissedSessionFee, c.IsActive, c.DischargedOn is { } d ? LocalDatePattern.Iso.Format(d) : null);
}

public sealed record Warning(string Code, string Message, string? ClientId = null);

public sealed record SavedClient(ClientDto Client, IReadOnlyList<Warning> Warnings);

public sealed record BillingInput(BillingDto? Billing, decimal? MissedSessionFee);
