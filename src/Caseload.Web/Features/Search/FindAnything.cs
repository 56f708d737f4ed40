using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Search;

public sealed record SearchCommand(string? Text);

public sealed record FoundClient(string Id, string FirstName, string LastName, LocalDate DateOfBirth, string ClinicianId, bool Discharged)
{
    public string Name => $"{FirstName} {LastName}";
}

public sealed record FoundGroup(string Id, string Name, string ClinicianId, bool Archived, int Members);

/// <param name="Title">The group's name for a group appointment, the client's for an individual one.</param>
/// <param name="Clients">The invitees whose name matched, by id and name.</param>
public sealed record FoundAppointment(
    string Id,
    AppointmentKind Kind,
    string ClinicianId,
    LocalDateTime Start,
    Instant StartsAt,
    Instant EndsAt,
    AppointmentStatus Status,
    string Title,
    IReadOnlyList<FoundClient> Clients);

/// <param name="Truncated">Some kind had more matches than <see cref="FindAnything.Limit"/>: the person should type more.</param>
public sealed record SearchResults(
    IReadOnlyList<FoundClient> Clients, IReadOnlyList<FoundGroup> Groups, IReadOnlyList<FoundAppointment> Appointments, bool Truncated);

/// <summary>
/// Find anything: clients by name, groups by name, and appointments by a client's name, only within what the asker
/// may see (<see cref="Caseloads"/>: a clinician their own caseload; front desk and administrators the practice;
/// billers clients and appointments but no groups). A bounded answer, audited as one read per client shown.
/// </summary>
public sealed class FindAnything(Caseloads caseloads, CaseloadDbContext db, AuditTrail audit, Clock clock)
{
    public const int MinLength = 2;

    public const int MaxLength = 100;

    /// <summary>At most this many of each kind: a search narrows, it does not list.</summary>
    public const int Limit = 20;

    /// <summary>Appointments are looked up for at most this many matching clients (the first by name).</summary>
    public const int ClientsForAppointments = 50;

    public async Task<Outcome<SearchResults>> HandleAsync(SearchCommand command, CancellationToken ct)
    {
        var text = command.Text?.Trim() ?? "";
        if (text.Length < MinLength)
        {
            return Refusal.Invalid("q", $"Type at least {MinLength} characters to search.");
        }

        if (text.Length > MaxLength || text.Any(char.IsControl))
        {
            return Refusal.Invalid("q", $"Search for at most {MaxLength} characters of plain text.");
        }

        var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var clients = (await caseloads.ClientsAsync(ct)).AsNoTracking();
        foreach (var word in words)
        {
            clients = clients.Where(c => c.SearchName.Contains(word));
        }

        var byName = clients.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id);
        var foundClients = await byName.Take(Limit + 1)
            .Select(c => new FoundClient(c.Id, c.FirstName, c.LastName, c.DateOfBirth, c.ClinicianId, c.DischargedOn != null)).ToListAsync(ct);

        var lowered = text.ToLowerInvariant();
        var groups = (await caseloads.GroupsAsync(ct)).AsNoTracking();
        // The database's lower() runs this, not the app's culture.
#pragma warning disable CA1304, CA1311, CA1862
        groups = groups.Where(g => g.Name.ToLower().Contains(lowered));
#pragma warning restore CA1304, CA1311, CA1862
        var foundGroups = await groups
            .OrderBy(g => g.IsArchived).ThenBy(g => g.Name).ThenBy(g => g.Id).Take(Limit + 1)
            .Select(g => new FoundGroup(g.Id, g.Name, g.ClinicianId, g.IsArchived, g.Memberships.Count(m => m.LeftOn == null)))
            .ToListAsync(ct);

        var (foundAppointments, moreAppointments) = await AppointmentsOfAsync(
            await byName.Select(c => c.Id).Take(ClientsForAppointments).ToListAsync(ct), ct);

        var truncated = foundClients.Count > Limit || foundGroups.Count > Limit || moreAppointments;
        var results = new SearchResults([.. foundClients.Take(Limit)], [.. foundGroups.Take(Limit)], foundAppointments, truncated);
        await audit.ReadAsync(AuditEntities.Client, "search",
            results.Clients.Select(c => c.Id).Concat(results.Appointments.SelectMany(a => a.Clients.Select(c => c.Id))).Select(c => (string?)c), ct,
            $"search: q={text} clients={results.Clients.Count} groups={results.Groups.Count} appointments={results.Appointments.Count}");
        return results;
    }

    /// <summary>The matching clients' appointments: upcoming ones soonest first, then the latest past ones.</summary>
    private async Task<(List<FoundAppointment> Found, bool More)> AppointmentsOfAsync(List<string> clientIds, CancellationToken ct)
    {
        if (clientIds.Count == 0)
        {
            return ([], false);
        }

        var practice = await db.PracticeAsync(ct);
        var today = practice.Today(clock.Now).AtStartOfDayInZone(practice.Zone).ToInstant();
        var theirs = (await caseloads.AppointmentsAsync(ct)).AsNoTracking().Where(a => a.Invitees.Any(i => clientIds.Contains(i.ClientId)));
        var upcoming = await Project(theirs.Where(a => a.StartsAt >= today).OrderBy(a => a.StartsAt).ThenBy(a => a.Id).Take(Limit + 1)).ToListAsync(ct);
        var past = upcoming.Count > Limit
            ? []
            : await Project(theirs.Where(a => a.StartsAt < today).OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id).Take(Limit + 1 - upcoming.Count))
                .ToListAsync(ct);
        var rows = upcoming.Concat(past).ToList();
        var shownIds = rows.Take(Limit).SelectMany(r => r.Invitees).Where(clientIds.Contains).Distinct().ToList();
        var names = await db.Clients.AsNoTracking().Where(c => shownIds.Contains(c.Id))
            .Select(c => new FoundClient(c.Id, c.FirstName, c.LastName, c.DateOfBirth, c.ClinicianId, c.DischargedOn != null))
            .ToDictionaryAsync(c => c.Id, ct);
        var found = rows.Take(Limit).Select(r => new FoundAppointment(r.Id, r.Kind, r.ClinicianId, r.Start, r.StartsAt, r.EndsAt, r.Status,
            r.Kind == AppointmentKind.Group ? r.GroupName ?? "" : names.GetValueOrDefault(r.Invitees.FirstOrDefault() ?? "")?.Name ?? "",
            [.. r.Invitees.Where(names.ContainsKey).Select(c => names[c]).OrderBy(c => c.LastName).ThenBy(c => c.FirstName)])).ToList();
        return (found, rows.Count > Limit);
    }

    private sealed record AppointmentRow(
        string Id, AppointmentKind Kind, string ClinicianId, LocalDateTime Start, Instant StartsAt, Instant EndsAt, AppointmentStatus Status,
        string? GroupName, List<string> Invitees);

    private IQueryable<AppointmentRow> Project(IQueryable<Appointment> appointments) =>
        appointments.Select(a => new AppointmentRow(a.Id, a.Kind, a.ClinicianId, a.Start, a.StartsAt, a.EndsAt, a.Status,
            db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.Name).FirstOrDefault(),
            a.Invitees.Select(i => i.ClientId).ToList()));
}
