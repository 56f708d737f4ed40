using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Clients;

public sealed record ReadmitClientCommand(string ClientId);

/// <summary>Takes a discharged client back on; the groups they left are not rejoined.</summary>
public sealed class ReadmitClient(CaseloadDbContext db, Caseloads caseloads, ReminderSchedule reminders, AuditTrail audit)
{
    public async Task<Outcome> HandleAsync(ReadmitClientCommand command, CancellationToken ct)
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

        client.Readmit();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, command.ClientId, command.ClientId, ct, detail: "readmitted");
        await reminders.SyncClientAsync(client.Id, ct);
        return Outcome.Done;
    }
}
