using Caseload.Domain.Clients;
using Caseload.Domain.Scheduling;
using NodaTime;

namespace Caseload.Domain.Reminders;

/// <summary>A reminder that should exist for an appointment as it stands now.</summary>
public sealed record WantedReminder(string ClientId, Channel Channel, int LeadHours, Instant DueAt);

/// <summary>Rule 10: which reminders an appointment should have, and how to bring its rows in step.</summary>
public static class ReminderPlan
{
    /// <summary>
    /// Every invited client who opted in, per channel they have contact details for, at each lead
    /// time — except lead times already past: a "your appointment is in 2 hours" an hour after it
    /// started helps nobody.
    /// </summary>
    public static IReadOnlyList<WantedReminder> For(
        Appointment appointment, IReadOnlyDictionary<string, Client> clients, IReadOnlyList<int> leadHours, Instant now)
    {
        if (appointment.Status != AppointmentStatus.Scheduled)
        {
            return [];
        }

        var wanted = new List<WantedReminder>();
        foreach (var invitee in appointment.Invitees.Where(i => i.Status == InviteeStatus.Invited))
        {
            if (!clients.TryGetValue(invitee.ClientId, out var client) || !client.IsActive)
            {
                continue;
            }

            foreach (var channel in ChannelsOf(client))
            {
                foreach (var hours in leadHours)
                {
                    var due = appointment.StartsAt - Duration.FromHours(hours);
                    if (due > now)
                    {
                        wanted.Add(new WantedReminder(client.Id, channel, hours, due));
                    }
                }
            }
        }

        return wanted;
    }

    /// <summary>
    /// Cancels pending reminders no longer wanted (the client was removed, the appointment moved
    /// or was cancelled, the client opted out) and plans those wanted that do not exist yet. A
    /// reminder already sent for the same moment is not planned again.
    /// </summary>
    public static IReadOnlyList<Reminder> Reconcile(string appointmentId, IReadOnlyList<Reminder> existing, IReadOnlyList<WantedReminder> wanted)
    {
        foreach (var reminder in existing.Where(r => r.Status == ReminderStatus.Pending))
        {
            if (!wanted.Any(w => Matches(reminder, w)))
            {
                reminder.Cancel("The appointment or the client's preferences changed.");
            }
        }

        return [.. wanted
            .Where(w => !existing.Any(r => r.Status != ReminderStatus.Cancelled && Matches(r, w)))
            .Select(w => new Reminder(appointmentId, w.ClientId, w.Channel, w.LeadHours, w.DueAt))];
    }

    private static IEnumerable<Channel> ChannelsOf(Client client)
    {
        if (client.Reminders.Email && client.Email is not null)
        {
            yield return Channel.Email;
        }

        if (client.Reminders.Text && client.Mobile is not null)
        {
            yield return Channel.Text;
        }
    }

    private static bool Matches(Reminder r, WantedReminder w) =>
        r.ClientId == w.ClientId && r.Channel == w.Channel && r.LeadHours == w.LeadHours && r.DueAt == w.DueAt;
}
