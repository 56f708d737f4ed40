using Caseload.Domain;
using Caseload.Domain.Clients;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Clients;

public sealed record GroupStay(string GroupId, string Name, LocalDate JoinedOn, LocalDate? LeftOn);

/// <summary>The client chart: who the client is, how they pay, which groups they are in. Later areas add their sections.</summary>
public sealed class ChartModel(
    Caseloads caseloads, ClientSearch search, CaseloadDbContext db, DischargeClient discharge, ReadmitClient readmit, CurrentStaff staff, Notes.ChartNotes notes,
    Scheduling.MissedNotes missedNotes, Portal.PortalAccess portalAccess, Portal.InviteToPortal invite, Portal.WithdrawPortalInvitation withdraw) : PageModel
{
    /// <summary>The client's portal access: not invited, invited (when, by whom), withdrawn, last signed in.</summary>
    public Portal.PortalAccessView PortalAccess { get; private set; } = Portal.PortalAccessView.NotInvited;

    /// <summary>The practice's zone, in which the portal's instants are shown.</summary>
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;

    public Client? Client { get; private set; }

    public string ClinicianName { get; private set; } = "";

    public IReadOnlyList<GroupStay> Groups { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>This client's own sections of session notes, with each note's shared section; empty for those who may not read notes.</summary>
    public IReadOnlyList<Notes.ChartNote> Notes { get; private set; } = [];

    /// <summary>Sessions the client missed with each Missed Appointment Note; the reason only for those who work with the client's care.</summary>
    public IReadOnlyList<Scheduling.MissedSession> MissedSessions { get; private set; } = [];

    public bool MayReadMissedReasons => staff.Satisfies(Scheduling.MissedNotes.ReadsReasons);

    public bool MayEdit => staff.Satisfies(Policies.Schedules);

    /// <summary>Administrators see the link to who accessed this chart.</summary>
    public bool MaySeeAudit => staff.Satisfies(Policies.Administers);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Client = await search.FindAsync(id, ct);
        if (Client is null)
        {
            return NotFound();
        }

        ClinicianName = await db.Clinicians.Where(c => c.Id == Client.ClinicianId).Select(c => c.DisplayName).FirstAsync(ct);
        if (MayEdit)
        {
            var groups = await (await caseloads.GroupsAsync(ct)).AsNoTracking().Include(g => g.Memberships)
                .Where(g => g.Memberships.Any(m => m.ClientId == id)).ToListAsync(ct);
            Groups = [.. groups.SelectMany(g => g.Memberships.Where(m => m.ClientId == id)
                .Select(m => new GroupStay(g.Id, g.Name, m.JoinedOn, m.LeftOn))).OrderBy(s => s.JoinedOn)];
        }

        PortalAccess = await portalAccess.ForClientAsync(id, ct);
        Zone = await db.ZoneAsync(ct);
        Notes = await notes.ForClientAsync(id, ct);
        MissedSessions = await missedNotes.OfClientAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDischargeAsync(string id, CancellationToken ct) =>
        await AnswerAsync(id, await discharge.HandleAsync(new DischargeClientCommand(id), ct), ct);

    public async Task<IActionResult> OnPostReadmitAsync(string id, CancellationToken ct) =>
        await AnswerAsync(id, await readmit.HandleAsync(new ReadmitClientCommand(id), ct), ct);

    public async Task<IActionResult> OnPostPortalInviteAsync(string id, CancellationToken ct) =>
        await AnswerAsync(id, await invite.HandleAsync(new Portal.InviteToPortalCommand(id, Portal.PortalAddress.SignIn(Request)), ct), ct);

    public async Task<IActionResult> OnPostPortalWithdrawAsync(string id, CancellationToken ct) =>
        await AnswerAsync(id, await withdraw.HandleAsync(new Portal.WithdrawPortalInvitationCommand(id), ct), ct);

    private async Task<IActionResult> AnswerAsync(string id, Outcome outcome, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            return Redirect($"/Clients/{id}");
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        var page = await OnGetAsync(id, ct);
        Message = outcome.First!.Message;
        return page;
    }
}
