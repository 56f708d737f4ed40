using Caseload.Domain;
using Caseload.Domain.Practices;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Settings.Practice;

/// <summary>A working-day boundary, a sign-in rule, the date format, the calendar feeds' names, the billing identity, the clearinghouse or the portal policy left out keeps its current value.</summary>
public sealed record ChangePracticeSettingsCommand(
    string Name,
    string TimeZone,
    string Currency,
    string? Phone,
    decimal MissedSessionFee,
    IReadOnlyList<int> ReminderLeadTimesHours,
    LocalTime? DayStartsAt,
    LocalTime? DayEndsAt,
    bool? RequireTwoFactor = null,
    int? IdleMinutes = null,
    IReadOnlyList<string>? Rooms = null,
    DateFormat? DateFormat = null,
    CalendarFeedNames? CalendarFeedNames = null,
    Domain.Insurance.BillingIdentity? BillingIdentity = null,
    Domain.Insurance.Clearinghouse? Clearinghouse = null,
    PortalChange? Portal = null);

/// <summary>The portal policy's parts to change; one left out keeps its current value.</summary>
public sealed record PortalChange(bool? Enabled, int? LateCancelHours, int? OfferCutoffHours)
{
    public PortalPolicy Apply(PortalPolicy current) =>
        new(Enabled ?? current.Enabled, LateCancelHours ?? current.LateCancelHours, OfferCutoffHours ?? current.OfferCutoffHours);
}

/// <summary>
/// An administrator changes the practice's settings. A new time zone re-reads every booked
/// wall-clock time in that zone, and new lead times re-plan reminders.
/// </summary>
public sealed class ChangePracticeSettings(CaseloadDbContext db, ReminderSchedule reminders, SignInRules signInRules, KeptPractice keptPractice)
{
    public async Task<Outcome<Domain.Practices.Practice>> HandleAsync(ChangePracticeSettingsCommand command, CancellationToken ct)
    {
        var practice = await db.Practices.SingleAsync(ct);
        var outcome = practice.Update(new PracticeSettings(command.Name, command.TimeZone, command.Currency, command.Phone,
            command.MissedSessionFee, command.ReminderLeadTimesHours,
            command.DayStartsAt ?? practice.DayStartsAt, command.DayEndsAt ?? practice.DayEndsAt, command.Rooms, command.DateFormat));
        var rules = practice.ChangeSignInRules(command.RequireTwoFactor ?? practice.RequireTwoFactor, command.IdleMinutes ?? practice.IdleMinutes);
        var claims = practice.ChangeClaimsSetup(command.BillingIdentity, command.Clearinghouse);
        var portal = practice.ChangePortal(command.Portal?.Apply(practice.Portal) ?? practice.Portal);
        if (!outcome.Succeeded || !rules.Succeeded || !claims.Succeeded || !portal.Succeeded)
        {
            return Outcome.From([.. outcome.Refusals, .. rules.Refusals, .. claims.Refusals, .. portal.Refusals]);
        }

        if (command.CalendarFeedNames is { } names)
        {
            practice.ChangeCalendarFeedNames(names);
        }

        await SaveAsync(practice, ct);
        signInRules.Forget();
        keptPractice.Forget();
        return practice;
    }

    private async Task SaveAsync(Domain.Practices.Practice practice, CancellationToken ct)
    {
        var zoneChanged = db.Entry(practice).Property(p => p.TimeZoneId).IsModified;
        var leadTimesChanged = db.Entry(practice).Property(p => p.ReminderLeadTimesHours).IsModified;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (zoneChanged)
        {
            foreach (var batch in (await db.Appointments.Select(a => a.Id).ToListAsync(ct)).Chunk(500))
            {
                foreach (var appointment in await db.Appointments.Where(a => batch.Contains(a.Id)).ToListAsync(ct))
                {
                    appointment.MoveToZone(practice.Zone);
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await transaction.CommitAsync(ct);
        if (zoneChanged || leadTimesChanged)
        {
            await reminders.SyncFutureAsync(ct);
        }
    }
}
