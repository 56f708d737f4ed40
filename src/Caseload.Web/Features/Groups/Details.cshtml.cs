using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

public sealed record Candidate(string Id, string Name, string ClinicianName);

[Authorize(Policy = Policies.Schedules)]
public sealed class DetailsModel(
    GroupDetails details,
    ChangeGroup change,
    ArchiveGroup archive,
    RestoreGroup restore,
    AddGroupMember addMember,
    RemoveGroupMember removeMember,
    Caseloads caseloads,
    CaseloadDbContext db,
    SyncRoster syncRoster,
    MarkEligible markEligible,
    UnmarkEligible unmarkEligible,
    PageDates dates) : PageModel
{
    private Dictionary<string, string> _when = [];

    private Dictionary<string, string> _names = [];

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public GroupForm Input { get; set; } = new();

    public GroupView? Group { get; private set; }

    public string ClinicianName { get; private set; } = "";

    /// <summary>
    /// Active clients who could join: the group clinician's own first. Front desk also sees other
    /// clinicians' clients, and is told plainly why they cannot join (rule 1).
    /// </summary>
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    /// <summary>Active clients who could be marked eligible to book the group: the group clinician's own first.</summary>
    public IReadOnlyList<Candidate> EligibleCandidates { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>What the last change did, shown once after the redirect that follows it.</summary>
    [TempData]
    public string? Notice { get; set; }

    public string NameOf(string clientId) => _names.GetValueOrDefault(clientId, "a client");

    /// <summary>The report of the last roster sync, shown on the page that asked for it.</summary>
    public SyncedRoster? Roster { get; private set; }

    public string WhenOf(string appointmentId) => _when.GetValueOrDefault(appointmentId, "an appointment");

    public async Task<IActionResult> OnPostSyncRosterAsync(CancellationToken ct)
    {
        var outcome = await syncRoster.HandleAsync(new SyncRosterCommand(Id), ct);
        if (!await LoadAsync(fillForm: true, ct))
        {
            return NotFound();
        }

        Message = outcome.First?.Message;
        if (outcome.Succeeded)
        {
            var report = Roster = outcome.Value;
            var ids = report.Changed.Select(c => c.AppointmentId).Concat(report.Skipped.Select(k => k.AppointmentId)).ToList();
            var starts = await db.Appointments.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Start }).ToListAsync(ct);
            _when = starts.ToDictionary(a => a.Id, a => dates.DayTime(a.Start));
            var clientIds = report.Changed.SelectMany(c => c.Added.Concat(c.Removed)).Concat(report.Skipped.Select(k => k.ClientId).OfType<string>()).Distinct().ToList();
            foreach (var c in await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToListAsync(ct))
            {
                _names[c.Id] = $"{c.LastName}, {c.FirstName}";
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(fillForm: true, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddMemberAsync(List<string> clientId, CancellationToken ct) =>
        await AnswerAsync(
            await addMember.HandleAsync(new AddGroupMemberCommand(Id, clientId), ct),
            g => $"{Listed([.. clientId.Select(id => MemberName(g, id))])} joined the group.",
            ct);

    public async Task<IActionResult> OnPostRemoveMemberAsync(string clientId, CancellationToken ct) =>
        await AnswerAsync(await removeMember.HandleAsync(new RemoveGroupMemberCommand(Id, clientId), ct), _ => "The client left the group; their stay is kept in the history.", ct);

    public async Task<IActionResult> OnPostMarkEligibleAsync(string? clientId, CancellationToken ct) =>
        await AnswerAsync(await markEligible.HandleAsync(new MarkEligibleCommand(Id, clientId), ct),
            g => $"{g.Eligible.FirstOrDefault(e => e.ClientId == clientId)?.FirstName ?? "The client"} may now book this group's sessions online.", ct);

    public async Task<IActionResult> OnPostUnmarkEligibleAsync(string clientId, CancellationToken ct) =>
        await AnswerAsync(await unmarkEligible.HandleAsync(new UnmarkEligibleCommand(Id, clientId), ct),
            _ => "The client may no longer book this group online; seats already booked stay booked.", ct);

    public async Task<IActionResult> OnPostArchiveAsync(CancellationToken ct) =>
        await AnswerAsync(await archive.HandleAsync(new ArchiveGroupCommand(Id), ct), _ => "The group is archived.", ct);

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken ct) =>
        await AnswerAsync(await restore.HandleAsync(new RestoreGroupCommand(Id), ct), _ => "The group is restored.", ct);

    /// <summary>"Ann", "Ann and Bo", "Ann, Bo and Cy".</summary>
    private static string Listed(IReadOnlyList<string> names) =>
        names.Count < 2 ? string.Concat(names) : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    private static string MemberName(GroupView group, string? clientId) =>
        group.Members.FirstOrDefault(m => m.ClientId == clientId) is { } m ? $"{m.FirstName} {m.LastName}" : "The client";

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        var outcome = await change.HandleAsync(Input.ToChange(Id), ct);
        if (outcome.Succeeded)
        {
            return Redirect($"/Groups/{Id}");
        }

        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        ModelState.AddTo(outcome);
        await LoadAsync(fillForm: false, ct);
        return Page();
    }

    /// <remarks>
    /// A refusal is shown on the group's page, also "no such client" for a member who could not be
    /// found; only a group that is not there (or not the asker's) ends in 404.
    /// </remarks>
    private async Task<IActionResult> AnswerAsync(Outcome<GroupView> outcome, Func<GroupView, string> notice, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            Notice = notice(outcome.Value);
            return Redirect($"/Groups/{Id}");
        }

        if (!await LoadAsync(fillForm: true, ct))
        {
            return NotFound();
        }

        Message = outcome.First?.Message;
        return Page();
    }

    private async Task<bool> LoadAsync(bool fillForm, CancellationToken ct)
    {
        Group = await details.FindAsync(Id, ct);
        if (Group is null)
        {
            return false;
        }

        if (fillForm)
        {
            Input = new GroupForm
            {
                Name = Group.Name, ClinicianId = Group.ClinicianId, ServiceCode = Group.ServiceCode, Capacity = Group.Capacity, ClientTitle = Group.ClientTitle,
                SelfBooking = SelfBookingForm.From(Group.SelfBooking),
            };
        }

        var clinicians = await db.Clinicians.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct);
        ClinicianName = clinicians.GetValueOrDefault(Group.ClinicianId, "");
        var members = Group.Members.Select(m => m.ClientId).ToHashSet();
        var clients = await (await caseloads.ClientsAsync(ct)).AsNoTracking().Where(c => c.DischargedOn == null)
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.ClinicianId })
            .ToListAsync(ct);
        Candidates = [.. clients.Where(c => !members.Contains(c.Id))
            .OrderByDescending(c => c.ClinicianId == Group.ClinicianId)
            .ThenBy(c => clinicians.GetValueOrDefault(c.ClinicianId))
            .Select(c => new Candidate(c.Id, $"{c.LastName}, {c.FirstName}", clinicians.GetValueOrDefault(c.ClinicianId, "")))];
        var eligible = Group.Eligible.Select(e => e.ClientId).ToHashSet();
        EligibleCandidates = [.. clients.Where(c => !eligible.Contains(c.Id))
            .OrderByDescending(c => c.ClinicianId == Group.ClinicianId)
            .ThenBy(c => clinicians.GetValueOrDefault(c.ClinicianId))
            .Select(c => new Candidate(c.Id, $"{c.LastName}, {c.FirstName}", clinicians.GetValueOrDefault(c.ClinicianId, "")))];
        var historyIds = Group.History.Select(h => h.ClientId).Distinct().ToList();
        _names = await db.Clients.AsNoTracking().Where(c => historyIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => $"{c.LastName}, {c.FirstName}", ct);
        await GroupForm.LoadServiceCodesAsync(ViewData, db, ct);
        return true;
    }
}
