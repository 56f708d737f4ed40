using Caseload.Web.Auth;
using Caseload.Web.Features.Groups;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Fhir;

/// <summary>
/// Therapy groups as FHIR Groups of people: an actual roster, with each stay (joined to left) as a member's period.
/// Groups are clinical work: Billers see none, clinicians their own (<see cref="Caseloads.GroupsAsync"/>).
/// </summary>
public sealed class FhirGroups(Caseloads caseloads, GroupDetails details, AuditTrail audit)
{
    public async Task<IResult> ReadAsync(string id, CancellationToken ct) =>
        await details.FindAsync(id, ct) is { } group ? new FhirResult(ToGroup(group)) : FhirOutcomes.NotFound("Group", id);

    public async Task<IResult> SearchAsync(HttpRequest request, CancellationToken ct)
    {
        var (search, refusal) = FhirSearch.Read(request, "Group");
        if (search is null)
        {
            return refusal!;
        }

        var query = (await caseloads.GroupsAsync(ct)).AsNoTracking();
        foreach (var members in search.Values("member"))
        {
            var ids = members.Select(m => FhirReferences.IdOf(m, "Patient")).OfType<string>().ToList();
            query = query.Where(g => g.Memberships.Any(m => ids.Contains(m.ClientId)));
        }

        var total = await query.CountAsync(ct);
        var groups = await query.Include(g => g.Memberships).OrderBy(g => g.Name).ThenBy(g => g.Id)
            .Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        var views = await details.OfAsync(groups, ct);

        await audit.ReadAsync(AuditEntities.Client, "fhir:Group", views.SelectMany(v => v.History).Select(s => (string?)s.ClientId), ct,
            search.Describe(views.Count, total));
        return new FhirResult(search.Page(request, views.Select(ToGroup), total));
    }

    private static Group ToGroup(GroupView group)
    {
        var names = group.Members.ToDictionary(m => m.ClientId, m => $"{m.FirstName} {m.LastName}");
        return new Group
        {
            Id = group.Id,
            Active = !group.Archived,
            Type = Group.GroupType.Person,
            Actual = true,
            Name = group.Name,
            Quantity = group.Members.Count,
            ManagingEntity = FhirWire.Reference("Practitioner", group.ClinicianId),
            Member = [.. group.History.Select(stay => new Group.MemberComponent
            {
                Entity = FhirWire.Reference("Patient", stay.ClientId, names.GetValueOrDefault(stay.ClientId)),
                Period = new Period
                {
                    Start = FhirWire.Date(stay.JoinedOn),
                    End = stay.LeftOn is { } left ? FhirWire.Date(left) : null,
                },
                Inactive = stay.LeftOn is not null,
            })],
        };
    }
}
