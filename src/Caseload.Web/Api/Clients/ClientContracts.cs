using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Web.Features.Clients;

namespace Caseload.Web.Api.Clients;

public sealed record RemindersDto(bool Email, bool Text);

public sealed record BillingDto(string Mode, decimal? Rate = null, string? Payer = null, string? MemberId = null, decimal? Copay = null)
{
    public const string SelfPay = "selfPay";
    public const string Insurance = "insurance";

    public static BillingDto From(BillingSettings b) => b.Mode == BillingMode.SelfPay
        ? new(SelfPay, b.Rate)
        : new(Insurance, null, b.Payer, b.MemberId, b.Copay);

    private BillingSettings? ToSettings() => Mode switch
    {
        SelfPay => BillingSettings.SelfPay(Rate),
        Insurance => new BillingSettings(BillingMode.Insurance, null, Payer, MemberId, Copay),
        _ => null,
    };

    /// <summary>The settings, or the refusal of a mode the API does not know; no billing given is self-pay at the practice fee.</summary>
    public static (BillingSettings Settings, Refusal? Unreadable) Read(BillingDto? billing) =>
        (billing ?? new BillingDto(SelfPay)).ToSettings() is { } settings
            ? (settings, null)
            : (BillingSettings.SelfPay(), Refusal.Invalid("billing.mode", "Billing mode must be selfPay or insurance."));
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
    /// <see cref="ClientEntry.Unreadable"/>; the domain then judges the rest, so one answer lists every bad field.
    /// </summary>
    public ClientEntry ToEntry()
    {
        var unreadable = new List<Refusal>();
        var born = ClientEntry.ReadDateOfBirth(DateOfBirth, unreadable);

        var (billing, badMode) = BillingDto.Read(Billing);
        if (badMode is not null)
        {
            unreadable.Add(badMode);
        }

        var reminders = Reminders ?? new RemindersDto(false, false);
        return new ClientEntry(new ClientDetails(FirstName ?? "", LastName ?? "", born, Email, Mobile,
            new ReminderPreferences(reminders.Email, reminders.Text), billing, MissedSessionFee), unreadable);
    }
}

public sealed record BillingInput(BillingDto? Billing, decimal? MissedSessionFee)
{
    public ChangeClientBillingCommand ToCommand(string clientId)
    {
        var (billing, badMode) = BillingDto.Read(Billing);
        return new ChangeClientBillingCommand(clientId, billing, MissedSessionFee, badMode is null ? [] : [badMode]);
    }
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
    public static ClientDto From(Client c) => new(c.Id, c.FirstName, c.LastName, Wire.Date(c.DateOfBirth),
        c.Email, c.Mobile, c.ClinicianId, new RemindersDto(c.Reminders.Email, c.Reminders.Text), BillingDto.From(c.Billing),
        c.MissedSessionFee, c.IsActive, c.DischargedOn is { } d ? Wire.Date(d) : null);
}

public sealed record WarningDto(string Code, string Message, string? ClientId);

/// <summary>A created client with what the asker should check (a possible duplicate).</summary>
public sealed record CreatedClientDto(ClientDto Client, IReadOnlyList<WarningDto> Warnings)
{
    public static CreatedClientDto From(SavedClient saved) => new(ClientDto.From(saved.Client),
        [.. saved.Warnings.Select(w => new WarningDto(w.Code, w.Message, w.ClientId))]);
}

public sealed record ClientPage(IReadOnlyList<ClientDto> Items, int Total, int Page, int PageSize);
