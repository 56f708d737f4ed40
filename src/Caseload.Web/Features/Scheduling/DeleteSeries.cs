using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Scheduling;

/// <param name="From">The first day whose occurrences go.</param>
public sealed record DeleteSeriesCommand(string SeriesId, LocalDate From);

/// <summary>What was deleted, and what stayed and why.</summary>
public sealed record SeriesDeletion(IReadOnlyList<string> Deleted, IReadOnlyList<RosterSkip> Kept);

/// <summary>Rule 8 for a series from a date on: each occurrence is judged on its own, and the answer says what stayed and why.</summary>
public sealed class DeleteSeries(CaseloadDbContext db, Caseloads caseloads, AppointmentChanges changes, AppointmentRecords records)
{
    public async Task<Outcome<SeriesDeletion>> HandleAsync(DeleteSeriesCommand command, CancellationToken ct)
    {
        var occurrences = await (await caseloads.AppointmentsAsync(ct)).Include(a => a.Invitees)
            .Where(a => a.SeriesId == command.SeriesId && a.Date >= command.From).OrderBy(a => a.StartsAt).ToListAsync(ct);
        if (occurrences.Count == 0 && !await (await caseloads.AppointmentsAsync(ct)).AnyAsync(a => a.SeriesId == command.SeriesId, ct))
        {
            return Refusal.NotFound("No such series.");
        }

        if (occurrences.Count > 0 && await caseloads.MayActForAsync(occurrences[0].ClinicianId, ct) is { } notAllowed)
        {
            return notAllowed;
        }

        var held = await records.RecordsOfAsync([.. occurrences.Select(o => o.Id)], ct);
        var kept = occurrences.Select(o => (o.Id, Refusal: DeletionGuard.Check(held[o.Id]))).Where(k => k.Refusal is not null)
            .Select(k => new RosterSkip(k.Id, k.Refusal!.Message)).ToList();
        var deleted = occurrences.Where(o => kept.All(k => k.AppointmentId != o.Id)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await changes.DeleteAsync(deleted, ct);
        await transaction.CommitAsync(ct);
        return new SeriesDeletion([.. deleted.Select(d => d.Id)], kept);
    }
}
