using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Scheduling;

/// <summary>Who and what a booking names, before its time and repetition are judged.</summary>
/// <param name="Kind">Null when the asker named no kind the practice knows.</param>
public sealed record BookingNames(
    AppointmentKind? Kind,
    string? ClinicianId,
    string? ServiceCode,
    string? GroupId,
    string? ClientId,
    IReadOnlyList<InviteeChoice>? Invitees,
    int? DurationMinutes);

/// <summary>The records a booking names, found and allowed.</summary>
public sealed record BookingParties(
    string ClinicianId, string ServiceCode, Group? Group, Client? Client, IReadOnlyDictionary<string, Client> Clients);

public sealed record BookingPlan(Practice Practice, Booked Booked, BookingParties Parties);

/// <summary>What booking and its preview share: the named records looked up, the booking rules applied, the overlaps found.</summary>
public sealed class BookingPlanner(CaseloadDbContext db, Caseloads caseloads, Clock clock)
{
    /// <summary>The appointments the command would save, or why it may not.</summary>
    public async Task<Outcome<BookingPlan>> PlanAsync(BookAppointmentCommand command, CancellationToken ct)
    {
        var practice = await db.PracticeAsync(ct);
        var parties = await LookUpAsync(command.Names, ct);
        if (!parties.Succeeded)
        {
            return parties.AsOutcome;
        }

        var found = parties.Value;
        var request = new BookingRequest(command.Kind, found.ClinicianId, found.ServiceCode, found.Group, found.Client,
            new SessionSlot(command.Start, command.DurationMinutes!.Value, command.Location), command.Memo, command.Invitees, command.Recurrence);
        var (booked, outcome) = Booking.Book(request, found.Clients, practice.Zone, clock.Now);
        return booked is null ? outcome : new BookingPlan(practice, booked, found);
    }

    /// <summary>
    /// The clinician (the asker's own when none is named) must be one they may act for, the service code
    /// the practice's, the group and client known; a length must be given.
    /// </summary>
    public async Task<Outcome<BookingParties>> LookUpAsync(BookingNames names, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        var clinicianId = names.ClinicianId ?? await caseloads.OwnClinicianIdAsync(ct);
        if (await caseloads.MayActForAsync(clinicianId, ct) is { } notAllowed)
        {
            refusals.Add(notAllowed);
        }

        var serviceCode = names.ServiceCode ?? "";
        if (!await db.ServiceCodes.AnyAsync(s => s.Code == serviceCode, ct))
        {
            refusals.Add(Refusal.Invalid("serviceCode", "Choose one of the practice's service codes."));
        }

        if (names.DurationMinutes is null)
        {
            refusals.Add(Refusal.Invalid("durationMinutes", "Give the length in minutes."));
        }

        var group = names.Kind == AppointmentKind.Group && names.GroupId is { } groupId
            ? await (await caseloads.GroupsAsync(ct)).Include(g => g.Memberships).FirstOrDefaultAsync(g => g.Id == groupId, ct)
            : null;
        if (names.Kind == AppointmentKind.Group && names.GroupId is not null && group is null)
        {
            refusals.Add(Refusal.Invalid("groupId", "There is no such group."));
        }

        var clientIds = (names.Invitees ?? []).Select(i => i.ClientId)
            .Concat(names.ClientId is null ? [] : [names.ClientId])
            .Concat(group?.CurrentMembers.Select(m => m.ClientId) ?? [])
            .Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        Client? client = null;
        if (names.Kind == AppointmentKind.Individual && names.ClientId is not null && !clients.TryGetValue(names.ClientId, out client))
        {
            refusals.Add(Refusal.Invalid("clientId", "There is no such client."));
        }

        return refusals.Count > 0
            ? Outcome.From(refusals)
            : new BookingParties(clinicianId!, serviceCode, group, client, clients);
    }

    /// <summary>
    /// Existing appointments that overlap: the clinician's, any invitee's, or in the same room. The candidates
    /// in the series' span come in one query, each part through its own index; only those that overlap an
    /// occurrence are then read whole, with their invitees.
    /// </summary>
    public async Task<IReadOnlyList<Conflict>> ConflictsAsync(BookingPlan plan, CancellationToken ct)
    {
        var proposed = plan.Booked.Appointments;
        var first = proposed.Min(a => a.StartsAt);
        var last = proposed.Max(a => a.EndsAt);
        var (clinicianId, room) = (proposed[0].ClinicianId, proposed[0].RoomKey);
        var clientIds = proposed[0].Invitees.Select(i => i.ClientId).ToList();
        var earliest = first - NodaTime.Duration.FromMinutes(SessionSlot.MaxMinutes);
        var inSpan = db.Appointments.Where(a => a.Status == AppointmentStatus.Scheduled && a.StartsAt > earliest && a.StartsAt < last && a.EndsAt > first);
        var candidates = inSpan.Where(a => a.ClinicianId == clinicianId).Select(a => new { a.Id, a.StartsAt, a.EndsAt })
            .Union(db.Set<Invitee>().Where(i => clientIds.Contains(i.ClientId))
                .Join(inSpan, i => i.AppointmentId, a => a.Id, (i, a) => new { a.Id, a.StartsAt, a.EndsAt }));
        if (room is not null)
        {
            candidates = candidates.Union(inSpan.Where(a => a.RoomKey == room).Select(a => new { a.Id, a.StartsAt, a.EndsAt }));
        }

        var overlapping = (await candidates.ToListAsync(ct))
            .Where(c => proposed.Any(p => p.StartsAt < c.EndsAt && c.StartsAt < p.EndsAt)).Select(c => c.Id).ToList();
        var existing = overlapping.Count == 0
            ? []
            : await db.Appointments.AsNoTracking().Include(a => a.Invitees).Where(a => overlapping.Contains(a.Id)).ToListAsync(ct);
        var clients = plan.Parties.Clients;
        return Conflicts.Find(proposed, existing, plan.Parties.Group?.Capacity,
            id => clients.TryGetValue(id, out var client) ? client.FullName : "A client", plan.Practice.DateStyle);
    }
}
