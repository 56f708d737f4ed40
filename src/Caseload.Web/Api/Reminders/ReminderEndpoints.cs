using Caseload.Domain;
using Caseload.Domain.Reminders;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Reminders;
using Caseload.Web.Features.Settings.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Api.Reminders;

internal static class ReminderEndpoints
{
    public static void MapReminders(this RouteGroupBuilder api)
    {
        api.MapGet("/appointments/{id}/reminders", async (string id, Caseloads caseloads, ReminderLog log, CancellationToken ct) =>
                await (await caseloads.AppointmentsAsync(ct)).AnyAsync(a => a.Id == id, ct)
                    ? Results.Ok((await log.ReadForAppointmentAsync(id, ct)).Select(ReminderDto.From).ToList())
                    : Problems.NotFound())
            .WithTags("Reminders");

        api.MapGet("/reminders", async (string? status, string? channel, string? from, string? to, string? order, string? page, string? pageSize,
                ReminderLog log, HttpContext http, CancellationToken ct) =>
            {
                var query = new ReminderQueryInput(status, channel, from, to, order, page, pageSize).ToQuery();
                if (!query.Succeeded)
                {
                    return Problems.For(query.AsOutcome);
                }

                var found = await log.SearchAsync(query.Value, ct);
                Paging.Describe(http, found.Total, found.Page, found.PageSize);
                return Results.Ok(found.Items.Select(ReminderDto.From).ToList());
            })
            .RequireAuthorization(Policies.SchedulesForOthers)
            .WithTags("Reminders");

        api.MapGet("/reminder-templates", async (CaseloadDbContext db, CancellationToken ct) =>
                TemplatesDto.From((await db.PracticeAsync(ct)).ReminderTemplates))
            .RequireAuthorization(Policies.Administers)
            .WithTags("Reminders");

        api.MapPut("/reminder-templates", async (TemplatesDto input, ChangeReminderTemplates change, CancellationToken ct) =>
            {
                var outcome = await change.HandleAsync(new ChangeReminderTemplatesCommand(input.ToTemplates()), ct);
                return outcome.Succeeded ? Results.Ok(input) : Problems.For(outcome);
            })
            .RequireAuthorization(Policies.Administers)
            .WithTags("Reminders");

        api.MapPost("/reminders/test", async (TestMessageInput input, SendTestReminder send, CancellationToken ct) =>
            {
                var (channel, refusal) = ParseChannel(input.Channel);
                if (refusal is not null)
                {
                    return Problems.Validation([refusal]);
                }

                var outcome = await send.HandleAsync(new SendTestReminderCommand(channel, input.To), ct);
                return outcome.Succeeded ? Results.Ok(new { sent = true }) : Problems.For(outcome);
            })
            .RequireAuthorization(Policies.Administers)
            .WithTags("Reminders");
    }

    public static (Channel Channel, Refusal? Refusal) ParseChannel(string? text) => text?.ToLowerInvariant() switch
    {
        "email" => (Channel.Email, null),
        "text" => (Channel.Text, null),
        _ => (Channel.Email, Refusal.Invalid("channel", "Channel is email or text.")),
    };
}
