using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Clients;

/// <param name="ClinicianId">A different clinician transfers the client; blank keeps the current one.</param>
public sealed record ChangeClientCommand(string ClientId, string? ClinicianId, ClientEntry Entry);

public sealed class ChangeClient(CaseloadDbContext db, Caseloads caseloads, ReminderSchedule reminders, Clock clock, AuditTrail audit)
{
    public async Task<Outcome<Client>> HandleAsync(ChangeClientCommand command, CancellationToken ct)
    {
        var client = await (await caseloads.ClientsAsync(ct)).FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null)
        {
            return Refusal.NotFound("No such client.");
        }

        var clinicianId = string.IsNullOrWhiteSpace(command.ClinicianId) ? client.ClinicianId : command.ClinicianId;
        if (clinicianId != client.ClinicianId && await caseloads.MayActForAsync(clinicianId, ct) is { } notAllowed)
        {
            return notAllowed;
        }

        if (clinicianId != client.ClinicianId && !caseloads.MayScheduleForOthers)
        {
            return new Refusal(RefusalCodes.ClinicianNotYours, "Only the front desk or an administrator can transfer a client.", "clinicianId");
        }

        var today = await db.TodayAsync(clock, ct);
        var details = command.Entry.Details;
        var outcome = command.Entry.Unreadable.Count > 0 ? command.Entry.Merge(Client.Check(details, today)) : client.Update(details, today);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        if (clinicianId != client.ClinicianId)
        {
            await db.LeaveGroupsAsync(client.Id, today, ct);
            client.AssignTo(clinicianId);
        }

        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, client.Id, client.Id, ct);
        await reminders.SyncClientAsync(client.Id, ct);
        return client;
    }
}
