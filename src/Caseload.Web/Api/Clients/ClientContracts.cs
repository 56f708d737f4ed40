using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Domain.Insurance;
using Caseload.Web.Features.Clients;

namespace Caseload.Web.Api.Clients;

public sealed record RemindersDto(bool Email, bool Text);

/// <summary>The policy holder when it is not the client.</summary>
public sealed record SubscriberDto(string? FirstName, string? LastName, string? DateOfBirth);

public sealed record BillingDto(
    string Mode,
    decimal? Rate = null,
    string? Payer = null,
    string? MemberId = null,
    decimal? Copay = null,
    string? PayerId = null,
    string? SubscriberRelationship = null,
    SubscriberDto? Subscriber = null,
    IReadOnlyList<string>? DiagnosisCodes = null)
{
    public const string SelfPay = "selfPay";
    public const string Insurance = "insurance";

    public static BillingDto From(BillingSettings b, Coverage c) => b.Mode == BillingMode.SelfPay
        ? new(SelfPay, b.Rate, PayerId: c.PayerId, SubscriberRelationship: RelationshipName(c.Relationship), Subscriber: SubscriberOf(c),
            DiagnosisCodes: c.DiagnosisCodes)
        : new(Insurance, null, b.Payer, b.MemberId, b.Copay, c.PayerId, RelationshipName(c.Relationship), SubscriberOf(c), c.DiagnosisCodes);

    public static string RelationshipName(SubscriberRelationship relationship) => relationship.ToString().ToLowerInvariant();

    private static SubscriberDto? SubscriberOf(Coverage c) => c.Relationship == Domain.Insurance.SubscriberRelationship.Self
        ? null
        : new SubscriberDto(c.SubscriberFirstName, c.SubscriberLastName, c.SubscriberDateOfBirth is { } born ? Wire.Date(born) : null);

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

    /// <summary>
    /// The claim details, or null when none of payerId, subscriberRelationship, subscriber and diagnosisCodes is
    /// given (the client's stay as they are); fields that cannot be read are added to <paramref name="unreadable"/>.
    /// </summary>
    public static Coverage? ReadCoverage(BillingDto? billing, List<Refusal> unreadable)
    {
        if (billing is null || (billing.PayerId, billing.SubscriberRelationship, billing.Subscriber, billing.DiagnosisCodes) is (null, null, null, null))
        {
            return null;
        }

        var relationship = Domain.Insurance.SubscriberRelationship.Self;
        if (billing.SubscriberRelationship is { } named && !TryRelationship(named, out relationship))
        {
            unreadable.Add(Refusal.Invalid("billing.subscriberRelationship", "The subscriber relationship is self, spouse, child or other."));
        }

        NodaTime.LocalDate? born = null;
        if (billing.Subscriber?.DateOfBirth is { } text)
        {
            var (date, refusal) = Wire.ParseDate(text, "billing.subscriber.dateOfBirth");
            if (refusal is not null)
            {
                unreadable.Add(refusal);
            }

            born = date;
        }

        return new Coverage(billing.PayerId, relationship, billing.Subscriber?.FirstName, billing.Subscriber?.LastName, born,
            [.. (billing.DiagnosisCodes ?? []).Select(c => c ?? "")]);
    }

    private static bool TryRelationship(string text, out SubscriberRelationship relationship)
    {
        relationship = Domain.Insurance.SubscriberRelationship.Self;
        switch (text)
        {
            case "self": return true;
            case "spouse": relationship = Domain.Insurance.SubscriberRelationship.Spouse; return true;
            case "child": relationship = Domain.Insurance.SubscriberRelationship.Child; return true;
            case "other": relationship = Domain.Insurance.SubscriberRelationship.Other; return true;
            default: return false;
        }
    }
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

        var coverage = BillingDto.ReadCoverage(Billing, unreadable);
        var reminders = Reminders ?? new RemindersDto(false, false);
        return new ClientEntry(new ClientDetails(FirstName ?? "", LastName ?? "", born, Email, Mobile,
            new ReminderPreferences(reminders.Email, reminders.Text), billing, MissedSessionFee, coverage), unreadable);
    }
}

public sealed record BillingInput(BillingDto? Billing, decimal? MissedSessionFee)
{
    public ChangeClientBillingCommand ToCommand(string clientId)
    {
        var (billing, badMode) = BillingDto.Read(Billing);
        var unreadable = badMode is null ? new List<Refusal>() : [badMode];
        var coverage = BillingDto.ReadCoverage(Billing, unreadable);
        return new ChangeClientBillingCommand(clientId, billing, MissedSessionFee, unreadable, coverage);
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
        c.Email, c.Mobile, c.ClinicianId, new RemindersDto(c.Reminders.Email, c.Reminders.Text), BillingDto.From(c.Billing, c.Coverage),
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
