using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Clients;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Client = Caseload.Domain.Clients.Client;

namespace Caseload.Web.Fhir;

/// <summary>Clients as FHIR Patients: read and search within the asker's caseload, each client shown audited.</summary>
public sealed class FhirPatients(Caseloads caseloads, ClientSearch clients, AuditTrail audit, CaseloadDbContext db, FhirIdentifiers identifiers)
{
    public async Task<IResult> ReadAsync(string id, CancellationToken ct) =>
        await clients.FindAsync(id, ct) is { } client ? new FhirResult(ToPatient(client)) : FhirOutcomes.NotFound("Patient", id);

    public async Task<IResult> SearchAsync(HttpRequest request, CancellationToken ct)
    {
        var (search, refusal) = FhirSearch.Read(request, "Patient");
        if (search is null)
        {
            return refusal!;
        }

        var query = (await caseloads.ClientsAsync(ct)).AsNoTracking();
        foreach (var names in search.Values("name"))
        {
            query = query.Where(Predicates.AnyOf(names.Select(NameStartsWith)));
        }

        if (search.Values("birthdate").Any())
        {
            var zone = await db.ZoneAsync(ct);
            foreach (var dates in search.Values("birthdate"))
            {
                var criteria = dates.Select(d => DateCriterion.Parse(d, zone)).ToList();
                if (criteria.Any(c => c is null))
                {
                    return FhirOutcomes.Invalid("birthdate", "birthdate is a date such as 1985-04-12, with an optional prefix (eq, ne, gt, lt, ge, le).");
                }

                query = query.Where(Predicates.AnyOf(criteria.Select(c => c!.OnBirthDate(zone))));
            }
        }

        var total = await query.CountAsync(ct);
        var page = await query.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id)
            .Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        await audit.ReadAsync(AuditEntities.Client, "fhir:Patient", page.Select(c => (string?)c.Id), ct, search.Describe(page.Count, total));
        return new FhirResult(search.Page(request, page.Select(ToPatient), total));
    }

    /// <summary>FHIR string search: the value starts any word of the name, ignoring case (the stored search name is lower case).</summary>
    private static System.Linq.Expressions.Expression<Func<Client, bool>> NameStartsWith(string value)
    {
        var word = value.ToLowerInvariant();
        var inside = " " + word;
        return c => c.SearchName.StartsWith(word) || c.SearchName.Contains(inside);
    }

    public Patient ToPatient(Client client)
    {
        var patient = new Patient
        {
            Id = client.Id,
            Identifier = [new Identifier(identifiers.Client, client.Id) { Use = Identifier.IdentifierUse.Usual }],
            Active = client.IsActive,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = client.LastName, Given = [client.FirstName], Text = client.FullName }],
            BirthDate = FhirWire.Date(client.DateOfBirth),
            GeneralPractitioner = [FhirWire.Reference("Practitioner", client.ClinicianId)],
        };
        if (client.Email is { } email)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, email));
        }

        if (client.Mobile is { } mobile)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, mobile));
        }

        return patient;
    }
}
