using NodaTime;

namespace Caseload.Domain.Insurance;

/// <summary>
/// What a claim needs of a client's insurance beyond the payer's name, member id and copay (which price the invoice):
/// the payer's electronic id, who holds the policy, and the client's diagnoses in order, the first the primary one.
/// </summary>
/// <param name="PayerId">The id clearinghouses route the payer by (2010BB NM109), such as 60054.</param>
/// <param name="SubscriberFirstName">The policy holder's name and date of birth when it is not the client; null when self.</param>
public sealed record Coverage(
    string? PayerId,
    SubscriberRelationship Relationship,
    string? SubscriberFirstName,
    string? SubscriberLastName,
    LocalDate? SubscriberDateOfBirth,
    IReadOnlyList<string> DiagnosisCodes)
{
    public const int PayerIdLength = 80;

    public static readonly Coverage None = new(null, SubscriberRelationship.Self, null, null, null, []);

    /// <summary>
    /// The coverage with codes normalised (F33.1), or the refusals naming <c>billing.*</c> fields. A holder other than
    /// the client needs a name and date of birth; the payer id and diagnoses may still be missing (the claim says so).
    /// </summary>
    public Outcome<Coverage> Checked(LocalDate today)
    {
        var refusals = new List<Refusal>();
        var payerId = IdentityChecks.Text(PayerId, "billing.payerId", refusals, PayerIdLength);
        string? first = null, last = null;
        LocalDate? born = null;
        if (Relationship != SubscriberRelationship.Self)
        {
            first = IdentityChecks.Text(SubscriberFirstName, "billing.subscriber.firstName", refusals, TextLimits.ClientName);
            last = IdentityChecks.Text(SubscriberLastName, "billing.subscriber.lastName", refusals, TextLimits.ClientName);
            if (first is null)
            {
                refusals.Add(Refusal.Invalid("billing.subscriber.firstName", "Enter the first name of the person who holds the policy."));
            }

            if (last is null)
            {
                refusals.Add(Refusal.Invalid("billing.subscriber.lastName", "Enter the last name of the person who holds the policy."));
            }

            if (SubscriberDateOfBirth is not { } date || date > today || date < SupportedDates.Earliest)
            {
                refusals.Add(Refusal.Invalid("billing.subscriber.dateOfBirth", "Enter the policy holder's date of birth, between 1900 and today."));
            }
            else
            {
                born = date;
            }
        }

        var codes = new List<string>();
        var list = DiagnosisCodes ?? [];
        if (list.Count > ClaimCheck.MostDiagnoses)
        {
            refusals.Add(Refusal.Invalid("billing.diagnosisCodes", $"A claim carries at most {ClaimCheck.MostDiagnoses} diagnosis codes."));
        }

        for (var i = 0; i < list.Count; i++)
        {
            var parsed = DiagnosisCode.Parse(list[i], $"billing.diagnosisCodes[{i}]");
            if (!parsed.Succeeded)
            {
                refusals.AddRange(parsed.Refusals);
            }
            else if (codes.Contains(parsed.Value.Value))
            {
                refusals.Add(Refusal.Invalid($"billing.diagnosisCodes[{i}]", $"{parsed.Value} is listed twice."));
            }
            else
            {
                codes.Add(parsed.Value.Value);
            }
        }

        return refusals.Count > 0 ? Outcome.From(refusals) : new Coverage(payerId, Relationship, first, last, born, codes);
    }
}
