using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Domain.Insurance;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Clients;

/// <summary>The client form of the pages, read into a <see cref="ClientEntry"/> for the use cases.</summary>
[FeatureApi]
public sealed class ClientForm
{
    private const string SelfPay = "selfPay";
    private const string Insurance = "insurance";

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? DateOfBirth { get; set; }

    public string? Email { get; set; }

    public string? Mobile { get; set; }

    public string? ClinicianId { get; set; }

    public bool RemindByEmail { get; set; }

    public bool RemindByText { get; set; }

    public string BillingMode { get; set; } = SelfPay;

    public decimal? Rate { get; set; }

    public string? Payer { get; set; }

    public string? MemberId { get; set; }

    public decimal? Copay { get; set; }

    public decimal? MissedSessionFee { get; set; }

    /// <summary>The payer's electronic id that claims are routed by.</summary>
    public string? PayerId { get; set; }

    /// <summary><c>self</c>, <c>spouse</c>, <c>child</c> or <c>other</c>: who holds the policy.</summary>
    public string SubscriberRelationship { get; set; } = "self";

    public string? SubscriberFirstName { get; set; }

    public string? SubscriberLastName { get; set; }

    public string? SubscriberDateOfBirth { get; set; }

    /// <summary>The client's ICD-10-CM diagnoses in order, the first the primary; blank rows are left out.</summary>
    public List<string?> DiagnosisCodes { get; set; } = [];

    /// <summary>The diagnoses as entered, blanks left out: the order the form shows and a refusal's index counts in.</summary>
    public IReadOnlyList<string> EnteredDiagnosisCodes => [.. DiagnosisCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim())];

    public static ClientForm From(Client c) => new()
    {
        FirstName = c.FirstName,
        LastName = c.LastName,
        DateOfBirth = LocalDatePattern.Iso.Format(c.DateOfBirth),
        Email = c.Email,
        Mobile = c.Mobile,
        ClinicianId = c.ClinicianId,
        RemindByEmail = c.Reminders.Email,
        RemindByText = c.Reminders.Text,
        BillingMode = c.Billing.Mode == Domain.Clients.BillingMode.SelfPay ? SelfPay : Insurance,
        Rate = c.Billing.Rate,
        Payer = c.Billing.Payer,
        MemberId = c.Billing.MemberId,
        Copay = c.Billing.Copay,
        MissedSessionFee = c.MissedSessionFee,
        PayerId = c.Coverage.PayerId,
        SubscriberRelationship = c.Coverage.Relationship.ToString().ToLowerInvariant(),
        SubscriberFirstName = c.Coverage.SubscriberFirstName,
        SubscriberLastName = c.Coverage.SubscriberLastName,
        SubscriberDateOfBirth = c.Coverage.SubscriberDateOfBirth is { } born ? LocalDatePattern.Iso.Format(born) : null,
        DiagnosisCodes = [.. c.Coverage.DiagnosisCodes],
    };

    /// <summary>The form's fields in the domain's terms; the date input and the billing radio are the fields that may not read.</summary>
    public ClientEntry ToEntry()
    {
        var unreadable = new List<Refusal>();
        var born = ClientEntry.ReadDateOfBirth(DateOfBirth, unreadable);

        BillingSettings? billing = BillingMode switch
        {
            SelfPay => BillingSettings.SelfPay(Rate),
            Insurance => new BillingSettings(Domain.Clients.BillingMode.Insurance, null, Payer, MemberId, Copay),
            _ => null,
        };
        if (billing is null)
        {
            unreadable.Add(Refusal.Invalid("billing.mode", "Billing mode must be selfPay or insurance."));
        }

        // A self-pay client's claim details are neither checked nor changed: the fields are hidden and may hold leftovers.
        var coverage = billing?.Mode == Domain.Clients.BillingMode.Insurance ? ReadCoverage(unreadable) : null;
        return new ClientEntry(new ClientDetails(FirstName ?? "", LastName ?? "", born, Email, Mobile,
            new ReminderPreferences(RemindByEmail, RemindByText), billing ?? BillingSettings.SelfPay(), MissedSessionFee, coverage), unreadable);
    }

    private Coverage ReadCoverage(List<Refusal> unreadable)
    {
        Domain.Insurance.SubscriberRelationship? relationship = SubscriberRelationship switch
        {
            "self" => Domain.Insurance.SubscriberRelationship.Self,
            "spouse" => Domain.Insurance.SubscriberRelationship.Spouse,
            "child" => Domain.Insurance.SubscriberRelationship.Child,
            "other" => Domain.Insurance.SubscriberRelationship.Other,
            _ => null,
        };
        if (relationship is null)
        {
            unreadable.Add(Refusal.Invalid("billing.subscriberRelationship", "Choose who holds the policy: the client, a spouse, a parent or another person."));
        }

        LocalDate? subscriberBorn = null;
        if (relationship is not (null or Domain.Insurance.SubscriberRelationship.Self) && !string.IsNullOrWhiteSpace(SubscriberDateOfBirth))
        {
            var parsed = LocalDatePattern.Iso.Parse(SubscriberDateOfBirth.Trim());
            if (parsed.Success)
            {
                subscriberBorn = parsed.Value;
            }
            else
            {
                unreadable.Add(Refusal.Invalid("billing.subscriber.dateOfBirth", "Enter the policy holder's date of birth."));
            }
        }

        return new Coverage(PayerId, relationship ?? Domain.Insurance.SubscriberRelationship.Self,
            SubscriberFirstName, SubscriberLastName, subscriberBorn, EnteredDiagnosisCodes);
    }

    /// <summary>Where an API field's message goes on this form.</summary>
    public static string FieldFor(string apiField) => apiField switch
    {
        "billing.mode" => nameof(BillingMode),
        "billing.rate" => nameof(Rate),
        "billing.payer" => nameof(Payer),
        "billing.memberId" => nameof(MemberId),
        "billing.copay" => nameof(Copay),
        "billing.payerId" => nameof(PayerId),
        "billing.subscriberRelationship" => nameof(SubscriberRelationship),
        "billing.subscriber.firstName" => nameof(SubscriberFirstName),
        "billing.subscriber.lastName" => nameof(SubscriberLastName),
        "billing.subscriber.dateOfBirth" => nameof(SubscriberDateOfBirth),
        _ when apiField.StartsWith("billing.diagnosisCodes", StringComparison.Ordinal) => nameof(DiagnosisCodes) + apiField["billing.diagnosisCodes".Length..],
        _ => char.ToUpperInvariant(apiField[0]) + apiField[1..],
    };

    /// <summary>The clinicians the form offers, and whether the asker may choose among them (front desk) or not (a clinician).</summary>
    public static async Task LoadChoicesAsync(ViewDataDictionary viewData, CaseloadDbContext db, Caseloads caseloads, CancellationToken ct)
    {
        viewData["Clinicians"] = await db.ClinicianListAsync(ct);
        viewData["MayChooseClinician"] = caseloads.MayScheduleForOthers;
    }

    public static string Describe(BillingSettings billing) => billing.Mode == Domain.Clients.BillingMode.SelfPay
        ? billing.Rate is { } rate ? $"Self-pay, sliding scale {rate:0.00}" : "Self-pay"
        : $"Insurance: {billing.Payer}";
}
