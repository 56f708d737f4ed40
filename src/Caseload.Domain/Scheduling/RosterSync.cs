using System.Globalization;
using Caseload.Domain.Groups;
using NodaTime;

namespace Caseload.Domain.Scheduling;

public sealed record RosterChange(string AppointmentId, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

/// <summary>An appointment the sync left alone, or, with <see cref="ClientId"/>, one member it did not add to it.</summary>
public sealed record RosterSkip(string AppointmentId, string Reason, string? ClientId = null);

/// <summary>What the appointment record already holds that nobody may lose: a note written, money taken.</summary>
public sealed record AppointmentRecord(bool HasGroupNote, bool HasPayment);

/// <summary>
/// Rule 5, beyond the original product: brings a group's future appointments in line with its
/// current members, where nothing has been recorded for them yet.
/// </summary>
public static class RosterSync
{
    /// <param name="appointments">The group's appointments; those before tomorrow or cancelled are left alone.</param>
    /// <param name="records">What each appointment already holds, by appointment id.</param>
    public static (List<RosterChange> Changed, List<RosterSkip> Skipped) Apply(
        Group group, IEnumerable<Appointment> appointments, IReadOnlyDictionary<string, AppointmentRecord> records, LocalDate today)
    {
        var members = group.CurrentMembers.Select(m => m.ClientId).ToHashSet();
        var changed = new List<RosterChange>();
        var skipped = new List<RosterSkip>();
        foreach (var appointment in appointments.Where(a => a.Date > today && a.Status == AppointmentStatus.Scheduled).OrderBy(a => a.StartsAt))
        {
            var missing = members.Where(id => appointment.Invitees.All(i => i.ClientId != id)).ToList();
            // A client who booked their own seat is not a member: they stay on the session they booked.
            var departed = appointment.Invitees.Where(i => !members.Contains(i.ClientId) && !i.SelfBooked).ToList();
            if (missing.Count == 0 && departed.Count == 0)
            {
                continue;
            }

            if (DeletionGuard.Check(records.GetValueOrDefault(appointment.Id, new AppointmentRecord(false, false))) is { } kept)
            {
                skipped.Add(new RosterSkip(appointment.Id, kept.Message));
                continue;
            }

            var added = new List<string>();
            foreach (var clientId in missing)
            {
                if (appointment.Uninvited.FirstOrDefault(u => u.ClientId == clientId) is { } removal)
                {
                    skipped.Add(new RosterSkip(appointment.Id,
                        $"Removed from this appointment on purpose on {removal.RemovedOn.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}: the sync does not invite them again.", clientId));
                }
                else
                {
                    added.Add(clientId);
                }
            }

            if (added.Count == 0 && departed.Count == 0)
            {
                continue;
            }

            added.ForEach(appointment.AddInvitee);
            departed.ForEach(appointment.DropInvitee);
            changed.Add(new RosterChange(appointment.Id, added, [.. departed.Select(i => i.ClientId)]));
        }

        return (changed, skipped);
    }
}

/// <summary>Rule 8: the one place that says whether an appointment's record may be deleted, and why not.</summary>
public static class DeletionGuard
{
    public static Refusal? Check(AppointmentRecord record) =>
        record.HasGroupNote
            ? new Refusal(RefusalCodes.HasGroupNote, "It has a group note (draft or signed): the clinical record must stay.")
            : record.HasPayment
                ? new Refusal(RefusalCodes.HasPayment, "A payment was taken for it: the billing record must stay.")
                : null;
}
