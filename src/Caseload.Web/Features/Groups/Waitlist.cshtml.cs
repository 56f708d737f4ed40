using Caseload.Domain;
using Caseload.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features.Groups;

/// <summary>
/// A session's waitlist for staff: the line in order with any seat held by an offer; moving a client up or down
/// sends the whole new order, as the API's reorder does. The appointment's page shows the same list.
/// </summary>
[Authorize(Policy = Policies.Schedules)]
public sealed class WaitlistModel(SessionWaitlist waitlist, ReorderWaitlist reorder, RemoveWaitlistEntry remove) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public WaitlistView? Waitlist { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var read = await waitlist.ReadAsync(Id, ct);
        if (this.Ending(read) is { } end)
        {
            return end;
        }

        Waitlist = read.Value;
        return Page();
    }

    /// <param name="ids">Every entry, in the new order.</param>
    /// <param name="back">Where to return: the appointment's page when the list was shown there.</param>
    public async Task<IActionResult> OnPostReorderAsync(List<string> ids, string? back, CancellationToken ct) =>
        await AnswerAsync(await reorder.HandleAsync(new ReorderWaitlistCommand(Id, ids), ct), "The waitlist is in its new order.", back, ct);

    public async Task<IActionResult> OnPostRemoveAsync(string clientId, string? back, CancellationToken ct) =>
        await AnswerAsync(await remove.HandleAsync(new RemoveWaitlistEntryCommand(Id, clientId), ct),
            "The client is off the waitlist; a seat held for them went to the next in line.", back, ct);

    private async Task<IActionResult> AnswerAsync(Outcome<WaitlistView> outcome, string notice, string? back, CancellationToken ct)
    {
        if (this.Ending(outcome) is { } end)
        {
            return end;
        }

        if (outcome.Succeeded)
        {
            Notice = notice;
            return Redirect(back == "appointment" ? $"/Appointments/{Id}#waitlist" : $"/Appointments/{Id}/Waitlist");
        }

        Message = outcome.First?.Message;
        return await OnGetAsync(ct);
    }
}
