using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Clients;

/// <summary>Creates and edits clients for the pages and the API alike.</summary>
public sealed class SaveClient(CaseloadDbContext db, Caseloads caseloads, ReminderSchedule reminders, Clock clock)
{
    public async Task<(SavedClient? Saved, Outcome Outcome)> CreateAsync(ClientInput input, bool duplicateConfirmed, CancellationToken ct)
    {
        var (details, unreadable) = input.ToDetails();
        var refusals = new List<Refusal>();
        if (await caseloads.MayActForAsync(input.ClinicianId, ct) is { } notAllowed)
        {
            refusals.Add(notAllowed);
        }

        var (client, outcome) = Client.Create(input.ClinicianId ?? "", details, await db.TodayAsync(clock, ct));
        refusals.AddRange(ClientInput.Merge(unreadable, outcome).Refusals);
        if (refusals.Count > 0)
        {
            return (null, Outcome.From(refusals));
        }

        var warnings = await DuplicatesOfAsync(client!, ct);
        if (warnings.Count > 0 && !duplicateConfirmed)
        {
            return (new SavedClient(ClientDto.From(client!), warnings), new Refusal("possible-duplicate", warnings[0].Message, warnings[0].ClientId));
        }

        db.Clients.Add(client!);
        await db.SaveChangesAsync(ct);
        return (new SavedClient(ClientDto.From(client!), warnings), Outcome.Done);
    }

    public async Task<(ClientDto? Saved, Outcome Outcome)> UpdateAsync(string id, ClientInput input, CancellationToken ct)
    {
        var client = await (await caseloads.ClientsAsync(ct)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return (null, new Refusal("not-found", "No such client."));
        }

        var (details, unreadable) = input.ToDetails();
        var clinicianId = string.IsNullOrWhiteSpace(input.ClinicianId) ? client.ClinicianId : input.ClinicianId;
        if (clinicianId != client.ClinicianId && await caseloads.MayActForAsync(clinicianId, ct) is { } notAllowed)
        {
            return (null, notAllowed);
        }

        if (clinicianId != client.ClinicianId && !caseloads.MayScheduleForOthers)
        {
            return (null, new Refusal("clinician-not-yours", "Only the front desk or an administrator can transfer a client.", "clinicianId"));
        }

        var today = await db.TodayAsync(clock, ct);
        var outcome = unreadable.Count > 0 ? ClientInput.Merge(unreadable, Client.Check(details, today)) : client.Update(details, today);
        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        if (clinicianId != client.ClinicianId)
        {
            await LeaveGroupsAsync(client.Id, today, ct);
            client.AssignTo(clinicianId);
        }

        await db.SaveChangesAsync(ct);
        await reminders.SyncClientAsync(client.Id, ct);
        return (ClientDto.From(client), Outcome.Done);
    }

    public async Task<(ClientDto? Saved, Outcome Outcome)> ChangeBillingAsync(string id, BillingInput input, CancellationToken ct)
    {
        var client = await (await caseloads.ClientsAsync(ct)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return (null, new Refusal("not-found", "No such client."));
        }

        var billing = (input.Billing ?? new BillingDto(BillingDto.SelfPay)).ToSettings();
        var outcome = billing is null
            ? Refusal.Invalid("billing.mode", "Billing mode must be selfPay or insurance.")
            : client.ChangeBilling(billing, input.MissedSessionFee);
        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        await db.SaveChangesAsync(ct);
        return (ClientDto.From(client), Outcome.Done);
    }

    /// <summary>Discharges (or readmits) a client; past records stay as they are.</summary>
    public async Task<Outcome> SetActiveAsync(string id, bool active, CancellationToken ct)
    {
        var client = await (await caseloads.ClientsAsync(ct)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return new Refusal("not-found", "No such client.");
        }

        if (await caseloads.MayActForAsync(client.ClinicianId, ct) is { } notAllowed)
        {
            return notAllowed;
        }

        var outcome = Outcome.Done;
        if (active)
        {
            client.Readmit();
        }
        else
        {
            var today = await db.TodayAsync(clock, ct);
            outcome = client.Discharge(today);
            if (outcome.Succeeded)
            {
                await LeaveGroupsAsync(client.Id, today, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await reminders.SyncClientAsync(client.Id, ct);
        return outcome;
    }

    /// <summary>
    /// A discharged or transferred client leaves the groups they were in today (rule 1: a group
    /// holds only its own clinician's active clients). Their stays remain in each group's history.
    /// </summary>
    private async Task LeaveGroupsAsync(string clientId, NodaTime.LocalDate today, CancellationToken ct)
    {
        var groups = await db.Groups.Include(g => g.Memberships)
            .Where(g => g.Memberships.Any(m => m.ClientId == clientId && m.LeftOn == null)).ToListAsync(ct);
        foreach (var group in groups)
        {
            group.RemoveMember(clientId, today);
        }
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
            : [new Warning("possible-duplicate",
                $"A client named {client.FullName} born {client.DateOfBirth:uuuu-MM-dd} already exists. Check before creating a second record.",
                match)];
    }
}
