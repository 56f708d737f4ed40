using Caseload.Domain.Staff;
using Caseload.Web.Data;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Fhir;

/// <summary>
/// Clinicians as FHIR Practitioners. Every staff member may see who the practice's clinicians are (as the JSON API's
/// clinician list shows them); a clinician is not a client, so reading one writes no audit entry.
/// </summary>
public sealed class FhirPractitioners(CaseloadDbContext db, FhirIdentifiers identifiers)
{
    public async Task<IResult> ReadAsync(string id, CancellationToken ct) =>
        await db.Clinicians.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } clinician
            ? new FhirResult(ToPractitioner(clinician))
            : FhirOutcomes.NotFound("Practitioner", id);

    public async Task<IResult> SearchAsync(HttpRequest request, CancellationToken ct)
    {
        var (search, refusal) = FhirSearch.Read(request, "Practitioner");
        if (search is null)
        {
            return refusal!;
        }

        // A practice has tens of clinicians, not thousands: matched here, where case folding is the same on every database.
        IEnumerable<Clinician> matches = await db.Clinicians.AsNoTracking().ToListAsync(ct);
        foreach (var names in search.Values("name"))
        {
            matches = matches.Where(c => names.Any(n => NameStartsWith(c.DisplayName, n) || (c.Credentials.Length > 0 && NameStartsWith(c.Credentials, n))));
        }

        var all = matches.OrderBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var page = all.Skip(search.Offset).Take(search.Count).ToList();
        var total = all.Count;
        return new FhirResult(search.Page(request, page.Select(ToPractitioner), total));
    }

    /// <summary>FHIR string search: the value starts any word of the name, ignoring case.</summary>
    private static bool NameStartsWith(string name, string value) =>
        name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.StartsWith(value, StringComparison.OrdinalIgnoreCase))
        || name.StartsWith(value, StringComparison.OrdinalIgnoreCase);

    /// <summary>The product keeps one display name and the credentials (LCSW, PhD); no NPI is recorded, so none is sent. The name goes as text: a display name is not reliably given-then-family.</summary>
    private Practitioner ToPractitioner(Clinician clinician)
    {
        var name = new HumanName { Use = HumanName.NameUse.Usual, Text = clinician.DisplayName };
        if (!string.IsNullOrWhiteSpace(clinician.Credentials))
        {
            name.Suffix = [clinician.Credentials];
        }

        return new Practitioner
        {
            Id = clinician.Id,
            Identifier = [new Identifier(identifiers.Clinician, clinician.Id) { Use = Identifier.IdentifierUse.Usual }],
            Active = true,
            Name = [name],
        };
    }
}
