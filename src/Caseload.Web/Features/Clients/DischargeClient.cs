using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Clients;

public sealed record DischargeClientCommand(string ClientId);

/// <summary>Discharges a client today: they leave their groups and get no more reminders; past records stay as they are.</summary>
public sealed class DischargeClient(CaseloadDbContext db, Caseloads caseloads, ReminderSchedule reminders, Clock clock, AuditTrail audit)
{
    public async Task<Outcome> HandleAsync(DischargeClientCommand command, CancellationToken ct)
    {
        var client = await (await caseloads.ClientsAsync(ct)).FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null)
        {
            return Refusal.NotFound("No such client.");
        }

        if (await caseloads.MayActForAsync(client.ClinicianId, ct) is { } notAllowed)
        {
            return notAllowed;
        }

        var today = await db.TodayAsync(clock, ct);
        var outcome = client.Discharge(today);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        await db.LeaveGroupsAsync(client.Id, today, ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, command.ClientId, command.ClientId, ct, detail: "discharged");
        await reminders.SyncClientAsync(client.Id, ct);
        return outcome;
    }
}
