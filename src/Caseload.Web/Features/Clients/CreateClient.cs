using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Clients;

/// <param name="DuplicateConfirmed">The asker has seen the possible-duplicate warning and creates the client anyway.</param>
public sealed record CreateClientCommand(string? ClinicianId, ClientEntry Entry, bool DuplicateConfirmed);

public sealed record Warning(string Code, string Message, string ClientId);

public sealed record SavedClient(Client Client, IReadOnlyList<Warning> Warnings);

public sealed class CreateClient(CaseloadDbContext db, Caseloads caseloads, Clock clock, AuditTrail audit)
{
    /// <summary>
    /// Without <see cref="CreateClientCommand.DuplicateConfirmed"/>, a possible duplicate is refused
    /// (<c>possible-duplicate</c>, its field naming the existing client) so the page can ask first.
    /// </summary>
    public async Task<Outcome<SavedClient>> HandleAsync(CreateClientCommand command, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        if (await caseloads.MayActForAsync(command.ClinicianId, ct) is { } notAllowed)
        {
            refusals.Add(notAllowed);
        }

        var (client, outcome) = Client.Create(command.ClinicianId ?? "", command.Entry.Details, await db.TodayAsync(clock, ct));
        refusals.AddRange(command.Entry.Merge(outcome).Refusals);
        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        var warnings = await DuplicatesOfAsync(client!, ct);
        if (warnings.Count > 0 && !command.DuplicateConfirmed)
        {
            return new Refusal(RefusalCodes.PossibleDuplicate, warnings[0].Message, warnings[0].ClientId);
        }

        db.Clients.Add(client!);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Create, AuditEntities.Client, client!.Id, client!.Id, ct);
        return new SavedClient(client!, warnings);
    }

    /// <summary>
    /// The same name and date of birth usually means the same person entered twice. Only records the
    /// asker may see are compared, so a clinician learns nothing of another clinician's caseload.
    /// </summary>
    private async Task<List<Warning>> DuplicatesOfAsync(Client client, CancellationToken ct)
    {
        var match = await (await caseloads.ClientsAsync(ct)).AsNoTracking()
            .Where(c => c.DateOfBirth == client.DateOfBirth && c.SearchName == client.SearchName)
            .Select(c => c.Id).FirstOrDefaultAsync(ct);
        return match is null
            ? []
            : [new Warning(RefusalCodes.PossibleDuplicate,
                $"A client named {client.FullName} born {client.DateOfBirth:uuuu-MM-dd} already exists. Check before creating a second record.",
                match)];
    }
}
