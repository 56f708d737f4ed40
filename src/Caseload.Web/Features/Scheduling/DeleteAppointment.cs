using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Data;

namespace Caseload.Web.Features.Scheduling;

public sealed record DeleteAppointmentCommand(string Id);

/// <summary>Rule 8 for one appointment: deleted with its invoices unless it holds a note or a payment.</summary>
public sealed class DeleteAppointment(CaseloadDbContext db, AppointmentChanges changes, AppointmentRecords records)
{
    public async Task<Outcome> HandleAsync(DeleteAppointmentCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.Id, expectedVersion: null, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        if (DeletionGuard.Check(await records.RecordOfAsync(command.Id, ct)) is { } kept)
        {
            return kept;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await changes.DeleteAsync([loaded.Value], ct);
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }
}
