using Caseload.Domain;
using Caseload.Domain.Reminders;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Reminders;

public sealed record ChangeReminderTemplatesCommand(ReminderTemplates Templates);

/// <summary>Changes the practice's reminder wording; reminders already sent keep the words they went out with.</summary>
public sealed class ChangeReminderTemplates(CaseloadDbContext db)
{
    public async Task<Outcome> HandleAsync(ChangeReminderTemplatesCommand command, CancellationToken ct)
    {
        var practice = await db.Practices.SingleAsync(ct);
        var outcome = practice.ChangeReminderTemplates(command.Templates);
        if (outcome.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }

        return outcome;
    }
}
