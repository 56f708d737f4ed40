using Caseload.Domain.Clients;
using Caseload.Web.Auth;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Caseload.Web.Features.Clients;

/// <param name="Text">A name (or part of one) or a date of birth as YYYY-MM-DD.</param>
/// <param name="Status">active (default), discharged or all.</param>
public sealed record ClientQuery(string? Text, string? ClinicianId, string? Status, int Page = 1, int PageSize = 25);

public sealed record ClientResults(IReadOnlyList<Client> Clients, int Total, int Page, int PageSize);

/// <summary>The client list: search by name or date of birth, filter by clinician and status, one page at a time.</summary>
public sealed class ClientSearch(Caseloads caseloads, AuditTrail audit)
{
    /// <summary>One client of the asker's caseload, or null (also when it is another clinician's). A found client's read is audited.</summary>
    public async Task<Client?> FindAsync(string id, CancellationToken ct)
    {
        var client = await (await caseloads.ClientsAsync(ct)).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is not null)
        {
            await audit.ReadAsync(AuditEntities.Client, client.Id, client.Id, ct);
        }

        return client;
    }

    public async Task<ClientResults> FindAsync(ClientQuery query, CancellationToken ct)
    {
        var clients = (await caseloads.ClientsAsync(ct)).AsNoTracking();
        var text = query.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var date = LocalDatePattern.Iso.Parse(text);
            if (date.Success)
            {
                clients = clients.Where(c => c.DateOfBirth == date.Value);
            }
            else
            {
                foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    clients = clients.Where(c => c.SearchName.Contains(word));
                }
            }
        }

        if (!string.IsNullOrEmpty(query.ClinicianId))
        {
            clients = clients.Where(c => c.ClinicianId == query.ClinicianId);
        }

        clients = query.Status switch
        {
            "all" => clients,
            "discharged" => clients.Where(c => c.DischargedOn != null),
            _ => clients.Where(c => c.DischargedOn == null),
        };

        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(query.Page, 1);
        var total = await clients.CountAsync(ct);
        var items = await clients.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        // A list is one read naming the query, not one per client listed (docs/security.md, "Audit trail").
        await audit.ReadAsync(AuditEntities.Client, "list", (string?)null, ct,
            $"client list: q={text} clinicianId={query.ClinicianId} status={query.Status ?? "active"} page={page} shown={items.Count} of {total}");
        return new ClientResults(items, total, page, pageSize);
    }
}
