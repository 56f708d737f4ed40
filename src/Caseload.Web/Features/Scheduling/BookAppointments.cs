using Caseload.Web.Api;
using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Billing;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Scheduling;

/// <summary>The new-appointment window and <c>POST /api/v1/appointments</c>: check, warn, save in one transaction.</summary>
public sealed class BookAppointments(
    CaseloadDbContext db, Caseloads caseloads, AppointmentFeed feed, IssueInvoices invoices, ReminderSchedule reminders, Clock clock)
{
    /// <summary>Books the appointment (or series). Conflicts are warnings: they are returned, not refused.</summary>
    public async Task<(BookingResponse? Booked, Outcome Outcome)> BookAsync(AppointmentInput input, CancellationToken ct)
    {
        var (practice, booked, outcome) = await PlanAsync(input, ct);
        if (booked is null)
        {
            return (null, outcome);
        }

        var warnings = await ConflictsAsync(booked.Appointments, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (booked.Series is not null)
        {
            db.Series.Add(booked.Series);
        }

        db.Appointments.AddRange(booked.Appointments);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        // Rule 9: sessions dated today or earlier are invoiced at save; later ones by the worker on the day.
        var today = practice!.Today(clock.Now);
        var due = booked.Appointments.Where(a => a.Date <= today).Select(a => a.Id).ToList();
        if (due.Count > 0)
        {
            await invoices.IssueDueAsync(due, ct);
        }

        await reminders.SyncAsync([.. booked.Appointments.Select(a => a.Id)], ct);

        var views = await feed.ByIdsAsync([.. booked.Appointments.Select(a => a.Id)], ct);
        return (new BookingResponse(booked.Series?.Id, [.. views.Select(v => v.ToDto(practice!.Zone))], warnings), Outcome.Done);
    }

    /// <summary>What saving would warn about, without saving: the window shows it before Save.</summary>
    public async Task<(IReadOnlyList<Conflict>? Warnings, Outcome Outcome)> CheckAsync(AppointmentInput input, CancellationToken ct)
    {
        var (_, booked, outcome) = await PlanAsync(input, ct);
        return booked is null ? (null, outcome) : (await ConflictsAsync(booked.Appointments, ct), Outcome.Done);
    }

    private async Task<(Practice? Practice, Booked? Booked, Outcome Outcome)> PlanAsync(AppointmentInput input, CancellationToken ct)
    {
        var practice = await db.PracticeAsync(ct);
        var refusals = new List<Refusal>();
        var kind = input.Kind switch
        {
            "group" => AppointmentKind.Group,
            "individual" => AppointmentKind.Individual,
            _ => (AppointmentKind?)null,
        };
        if (kind is null)
        {
            refusals.Add(Refusal.Invalid("kind", "Kind must be group or individual."));
        }

        var clinicianId = input.ClinicianId ?? await caseloads.OwnClinicianIdAsync(ct);
        if (await caseloads.MayActForAsync(clinicianId, ct) is { } notAllowed)
        {
            refusals.Add(notAllowed);
        }

        var serviceCode = input.ServiceCode ?? "";
        if (!await db.ServiceCodes.AnyAsync(s => s.Code == serviceCode, ct))
        {
            refusals.Add(Refusal.Invalid("serviceCode", "Choose one of the practice's service codes."));
        }

        var (start, badStart) = Wire.ParseStart(input.Start, practice.Zone);
        if (badStart is not null)
        {
            refusals.Add(badStart);
        }

        if (input.DurationMinutes is null)
        {
            refusals.Add(Refusal.Invalid("durationMinutes", "Give the length in minutes."));
        }

        var (recurrence, badRecurrence) = ParseRecurrence(input.Recurrence);
        if (badRecurrence is not null)
        {
            refusals.Add(badRecurrence);
        }

        var group = kind == AppointmentKind.Group && input.GroupId is { } groupId
            ? await (await caseloads.GroupsAsync(ct)).Include(g => g.Memberships).FirstOrDefaultAsync(g => g.Id == groupId, ct)
            : null;
        if (kind == AppointmentKind.Group && input.GroupId is not null && group is null)
        {
            refusals.Add(Refusal.Invalid("groupId", "There is no such group."));
        }

        var clientIds = (input.Invitees ?? []).Select(i => i.ClientId)
            .Concat(input.ClientId is null ? [] : [input.ClientId])
            .Concat(group?.CurrentMembers.Select(m => m.ClientId) ?? [])
            .Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        Client? client = null;
        if (kind == AppointmentKind.Individual && input.ClientId is not null && !clients.TryGetValue(input.ClientId, out client))
        {
            refusals.Add(Refusal.Invalid("clientId", "There is no such client."));
        }

        if (refusals.Count > 0)
        {
            return (practice, null, Outcome.From(refusals));
        }

        var request = new BookingRequest(kind!.Value, clinicianId!, serviceCode, group, client,
            new SessionSlot(start!.Value, input.DurationMinutes!.Value, input.Location), input.Memo,
            input.Invitees?.Select(i => new InviteeChoice(i.ClientId, i.CreateInvoice)).ToList(), recurrence);
        var (booked, outcome) = Booking.Book(request, clients, practice.Zone, clock.Now);
        return (practice, booked, outcome);
    }

    private static (Recurrence? Recurrence, Refusal? Refusal) ParseRecurrence(RecurrenceInput? input)
    {
        if (input is null)
        {
            return (null, null);
        }

        var frequency = input.Frequency switch
        {
            "weekly" => Frequency.Weekly,
            "monthly" => Frequency.MonthlyByWeekday,
            _ => (Frequency?)null,
        };
        if (frequency is null)
        {
            return (null, Refusal.Invalid("recurrence.frequency", "Repeat weekly or monthly."));
        }

        var until = default(NodaTime.LocalDate?);
        if (!string.IsNullOrWhiteSpace(input.Until))
        {
            var (date, refusal) = Wire.ParseDate(input.Until, "recurrence.until");
            if (refusal is not null)
            {
                return (null, refusal);
            }

            until = date;
        }

        return (new Recurrence(frequency.Value, input.Interval ?? 1, input.Count, until), null);
    }

    /// <summary>Existing appointments that overlap: the clinician's, any invitee's, or in the same room. One query.</summary>
    private async Task<IReadOnlyList<Conflict>> ConflictsAsync(IReadOnlyList<Appointment> proposed, CancellationToken ct)
    {
        var first = proposed.Min(a => a.StartsAt);
        var last = proposed.Max(a => a.EndsAt);
        var clinicianId = proposed[0].ClinicianId;
        var room = proposed[0].RoomKey;
        var clientIds = proposed[0].Invitees.Select(i => i.ClientId).ToList();
        var earliest = first - NodaTime.Duration.FromMinutes(SessionSlot.MaxMinutes);
        var existing = await db.Appointments.AsNoTracking().Include(a => a.Invitees)
            .Where(a => a.Status == AppointmentStatus.Scheduled && a.StartsAt > earliest && a.StartsAt < last && a.EndsAt > first)
            .Where(a => a.ClinicianId == clinicianId || (room != null && a.RoomKey == room)
                || a.Invitees.Any(i => clientIds.Contains(i.ClientId)))
            .ToListAsync(ct);
        var capacity = proposed[0].GroupId is { } groupId
            ? await db.Groups.Where(g => g.Id == groupId).Select(g => g.Capacity).FirstOrDefaultAsync(ct)
            : null;
        var names = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct);
        return Conflicts.Find(proposed, existing, capacity, id => names.GetValueOrDefault(id, "A client"));
    }
}
