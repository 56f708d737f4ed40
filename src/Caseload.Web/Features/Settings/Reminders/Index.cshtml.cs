using Caseload.Domain;
using Caseload.Domain.Reminders;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Reminders;

public sealed class TemplatesForm
{
    public string? EmailSubject { get; set; }

    public string? EmailBody { get; set; }

    public string? TextBody { get; set; }

    public ReminderTemplates ToTemplates() => new(EmailSubject ?? "", EmailBody ?? "", TextBody ?? "");
}

public sealed record PreviewModel(string Subject, string Body, string Text);

/// <summary>Reminder channels, wording with a live preview, and a test message.</summary>
public sealed class IndexModel(CaseloadDbContext db, EmailDelivery email, TextDelivery text, ChangeReminderTemplates change, SendTestReminder sendTest,
    Clock clock) : PageModel
{
    [BindProperty]
    public TemplatesForm Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public bool EmailOn => email.Configured;

    public bool TextOn => text.Configured;

    public IReadOnlyList<int> LeadTimes { get; private set; } = [];

    public PreviewModel Preview { get; private set; } = new("", "", "");

    public string? TestError { get; private set; }

    public string? To { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var practice = await db.PracticeAsync(ct);
        var t = practice.ReminderTemplates;
        Input = new TemplatesForm { EmailSubject = t.EmailSubject, EmailBody = t.EmailBody, TextBody = t.TextBody };
        Load(practice);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await change.HandleAsync(new ChangeReminderTemplatesCommand(Input.ToTemplates()), ct);
        if (outcome.Succeeded)
        {
            Notice = "Reminder wording saved.";
            return RedirectToPage();
        }

        ModelState.AddTo(outcome);
        Load(await db.PracticeAsync(ct));
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        Load(await db.PracticeAsync(ct));
        return Partial("_Preview", Preview);
    }

    public async Task<IActionResult> OnPostTestAsync(string? channel, string? to, CancellationToken ct)
    {
        To = to;
        Channel? parsed = channel?.ToLowerInvariant() switch
        {
            "email" => Channel.Email,
            "text" => Channel.Text,
            _ => null,
        };
        var sent = parsed is { } chosen ? await sendTest.HandleAsync(new SendTestReminderCommand(chosen, to), ct) : Refusal.Invalid("to", SendTestReminder.NoAddress);
        if (sent.Succeeded)
        {
            Notice = $"Test message sent to {to!.Trim()}.";
            return RedirectToPage();
        }

        TestError = sent.First!.Message;
        var practice = await db.PracticeAsync(ct);
        var t = practice.ReminderTemplates;
        Input = new TemplatesForm { EmailSubject = t.EmailSubject, EmailBody = t.EmailBody, TextBody = t.TextBody };
        Load(practice);
        return Page();
    }

    private void Load(Domain.Practices.Practice practice)
    {
        LeadTimes = practice.ReminderLeadTimesHours;
        var start = clock.Now.InZone(practice.Zone).LocalDateTime.PlusDays(2).Date + new NodaTime.LocalTime(15, 30);
        var facts = new ReminderFacts(practice.Name, practice.Phone, start, "Room 2", practice.DateStyle);
        Preview = new PreviewModel(ReminderTemplates.Fill(Input.EmailSubject ?? "", facts),
            ReminderTemplates.Fill(Input.EmailBody ?? "", facts), ReminderTemplates.Fill(Input.TextBody ?? "", facts));
    }
}
