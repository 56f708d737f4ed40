using Caseload.Domain;
using Caseload.Domain.Clients;

namespace Caseload.Web.Features.Clients;

/// <summary>
/// What staff entered about a client, in the domain's terms, with the fields that could not even be
/// read (a garbled date, an unknown billing mode). The domain judges the rest, so one answer lists every bad field.
/// </summary>
public sealed record ClientEntry(ClientDetails Details, IReadOnlyList<Refusal> Unreadable)
{
    /// <summary>The unreadable fields first, then the domain's refusals of fields not already named.</summary>
    public Outcome Merge(Outcome outcome) => Outcome.From(
        [.. Unreadable, .. (outcome.Refusals ?? []).Where(r => Unreadable.All(u => u.Field != r.Field))]);
}
