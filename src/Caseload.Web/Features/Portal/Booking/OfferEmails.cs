using System.Net;
using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>What an offer email says, and nothing more: the practice, the session's time, until when the seat is held.</summary>
public sealed record OfferLetter(string Subject, string Text);

/// <summary>
/// Emails each client offered a seat, once. The offer's row is the outbox: it is marked as handed over (and the mark
/// committed) before the message goes to the mail server, and the mark is taken back only when the server certainly
/// did not take it. A restart therefore never repeats an email the server may have delivered, and never loses one
/// it did not. The worker runs this under its lease, on one instance at a time.
/// </summary>
[FeatureApi]
public sealed partial class OfferEmails(CaseloadDbContext db, EmailDelivery email, IConfiguration config, Clock clock, ILogger<OfferEmails> log)
{
    public const int Batch = 50;

    /// <summary>Where clients reach Caseload (<c>Caseload:PublicAddress</c>), for a link to their waitlist; none when not set.</summary>
    private string? Portal => config["Caseload:PublicAddress"] is { Length: > 0 } address ? address.TrimEnd('/') + "/portal/waitlist" : null;

    /// <summary>Sends the emails of open offers not yet emailed; returns how many were handed over.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        if (!email.Configured)
        {
            return 0;
        }

        var now = clock.Now;
        var due = await db.Set<WaitlistEntry>()
            .Where(e => e.OfferedAt != null && e.OfferEmailSentAt == null && e.OfferExpiresAt > now)
            .OrderBy(e => e.OfferedAt)
            .Take(Batch)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var practice = await db.PracticeAsync(ct);
        var portal = Portal;
        var clientIds = due.Select(e => e.ClientId).ToList();
        var addresses = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Email, ct);
        var appointmentIds = due.Select(e => e.AppointmentId).ToList();
        var sessions = await db.Appointments.AsNoTracking().Where(a => appointmentIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Start, a.GroupId }).ToDictionaryAsync(a => a.Id, ct);
        var groupIds = sessions.Values.Select(s => s.GroupId).OfType<string>().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);

        var sent = 0;
        foreach (var entry in due)
        {
            var session = sessions[entry.AppointmentId];
            var title = session.GroupId is { } groupId && groups.TryGetValue(groupId, out var group) ? ClientTitles.ClientFacingTitle(group) : null;
            entry.OfferEmailHandedOver(now);
            await db.SaveChangesAsync(ct);
            if (addresses.GetValueOrDefault(entry.ClientId) is not { } address)
            {
                NoAddress(log, entry.Id);
                continue;
            }

            var letter = Write(practice, title, session.Start, entry.OfferExpiresAt!.Value, portal);
            try
            {
                await email.SendAsync(practice.Name, new OutgoingEmail(address, letter.Subject, letter.Text, Html(letter.Text), $"offer-{entry.Id}@caseload"), ct);
                sent++;
            }
            catch (Exception e) when (e is TransientDeliveryException or MailKit.Net.Smtp.SmtpCommandException)
            {
                // Certainly not taken by the server: the next run sends it again.
                entry.OfferEmailNotSent();
                await db.SaveChangesAsync(ct);
                NotSent(log, e, entry.Id);
            }
            catch (UncertainDeliveryException e)
            {
                NotSent(log, e, entry.Id);
            }
        }

        return sent;
    }

    /// <summary>
    /// The offer in words: the practice, the session's day and time, until when the seat is held and, when the practice
    /// set its public address, the link to the client's waitlist. No other client, no clinical detail.
    /// </summary>
    public static OfferLetter Write(Practice practice, string? title, LocalDateTime start, Instant expiresAt, string? portal)
    {
        var dates = practice.DateStyle;
        var until = expiresAt.InZone(practice.Zone).LocalDateTime;
        var session = title is null ? "a session" : $"a session of {title}";
        var text =
            $"Hello,\n\nA seat has opened in {session} with {practice.Name} on {dates.WeekdayDate(start.Date)} at {dates.Time(start.TimeOfDay)}, " +
            "which you were on the waitlist for.\n\n" +
            $"A seat is held for you until {dates.WeekdayDate(until.Date)} at {dates.Time(until.TimeOfDay)}. " +
            "Sign in to the client portal to take it or let it go; if you do neither by then, it passes to the next person waiting.\n\n" +
            (portal is null ? "" : $"Your waitlist: {portal}\n\n") +
            practice.Name;
        return new OfferLetter($"A seat is held for you at {practice.Name}", text);
    }

    private static string Html(string text) =>
        "<p>" + WebUtility.HtmlEncode(text).Replace("\n\n", "</p><p>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>";

    [LoggerMessage(LogLevel.Warning, "The waitlist offer {EntryId} was not emailed: the client has no email address.")]
    private static partial void NoAddress(ILogger logger, string entryId);

    [LoggerMessage(LogLevel.Warning, "The email of waitlist offer {EntryId} was not delivered.")]
    private static partial void NotSent(ILogger logger, Exception exception, string entryId);
}
