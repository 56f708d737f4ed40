using Caseload.Domain;
using Caseload.Domain.Reminders;
using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Reminders;

public sealed record ReminderDto(string Id, string AppointmentId, string ClientId, string Channel, int LeadHours, string DueAt, string Status,
    string? SentAt, string? Note);

public sealed record TemplatesDto(string? EmailSubject, string? EmailBody, string? TextBody);

public sealed record TestMessageInput(string? Channel, string? To);

internal static class ReminderEndpoints
{
    public static void MapReminders(this RouteGroupBuilder api)
    {
        string[] frontDesk = [Roles.Administrator, Roles.Scheduler];

        api.MapGet("/appointments/{id}/reminders", async (string id, Caseloads caseloads, ReminderLog log, CancellationToken ct) =>
                await (await caseloads.AppointmentsAsync(ct)).AnyAsync(a => a.Id == id, ct)
                    ? Results.Ok(await log.ForAppointmentAsync(id, ct))
                    : Problems.NotFound())
            .WithTags("Reminders");

        api.MapGet("/reminders", async (string? status, string? channel, string? from, string? to, ReminderLog log, CancellationToken ct) =>
            {
                var (start, badFrom) = from is null ? (null, null) : Wire.ParseDate(from, "from");
                var (end, badTo) = to is null ? (null, null) : Wire.ParseDate(to, "to");
                var badStatus = status is null or "pending" or "sent" or "cancelled" or "failed"
                    ? null
                    : Refusal.Invalid("status", "Status is pending, sent, cancelled or failed.");
                var badChannel = channel is null or "email" or "text" ? null : Refusal.Invalid("channel", "Channel is email or text.");
                return (badFrom ?? badTo ?? badStatus ?? badChannel) is { } bad
                    ? Problems.Validation([bad])
                    : Results.Ok(await log.SearchAsync(new ReminderQuery(status, channel, start, end), ct));
            })
            .RequireAuthorization(p => p.RequireRole(frontDesk))
            .WithTags("Reminders");

        api.MapGet("/reminder-templates", async (CaseloadDbContext db, CancellationToken ct) =>
            {
                var t = (await db.PracticeAsync(ct)).ReminderTemplates;
                return new TemplatesDto(t.EmailSubject, t.EmailBody, t.TextBody);
            })
            .RequireAuthorization(Policies.Administers)
            .WithTags("Reminders");

        api.MapPut("/reminder-templates", async (TemplatesDto input, CaseloadDbContext db, CancellationToken ct) =>
            {
                var practice = await db.Practices.SingleAsync(ct);
                var outcome = practice.ChangeReminderTemplates(new ReminderTemplates(input.EmailSubject ?? "", input.EmailBody ?? "", input.TextBody ?? ""));
                if (!outcome.Succeeded)
                {
                    return Problems.For(outcome);
                }

                await db.SaveChangesAsync(ct);
                return Results.Ok(input);
            })
            .RequireAuthorization(Policies.Administers)
            .WithTags("Reminders");

        api.MapPost("/reminders/test", async (TestMessageInput input, ReminderDispatch dispatch, CaseloadDbContext db, CancellationToken ct) =>
            {
                var (channel, refusal) = ParseChannel(input.Channel);
                if (refusal is not null || string.IsNullOrWhiteSpace(input.To))
                {
                    return Problems.Validation([refusal ?? Refusal.Invalid("to", "Give the email address or mobile number to send to.")]);
                }

                try
                {
                    await dispatch.SendTestAsync(channel, input.To.Trim(), await db.PracticeAsync(ct), ct);
                    return Results.Ok(new { sent = true });
                }
                catch (Exception e) when (e is TransientDeliveryException or InvalidOperationException or FormatException or MimeKit.ParseException
                    or MailKit.Net.Smtp.SmtpCommandException)
                {
                    return Problems.Refused(new Refusal("delivery-failed", e.Message));
                }
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
