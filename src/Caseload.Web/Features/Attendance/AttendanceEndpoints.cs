using Caseload.Domain;
using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Attendance;

public sealed record HistoryDto(string At, string By, string What);

internal static class AttendanceEndpoints
{
    public static void MapAttendance(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("").WithTags("Attendance")
            .RequireAuthorization(p => p.RequireRole(Roles.Administrator, Roles.Scheduler, Roles.Clinician));

        staff.MapPost("/appointments/{id}/invitees", async (string id, AttendanceWork work, CancellationToken ct) =>
            await work.IsVisibleAsync(id, ct) ? Problems.Refused(AttendanceWork.NoLateAdditions) : Problems.NotFound());

        staff.MapDelete("/appointments/{id}/invitees/{clientId}", async (string id, string clientId, AttendanceWork work, CancellationToken ct) =>
            Answer(await work.RemoveInviteeAsync(id, clientId, ct)));

        staff.MapPost("/appointments/{id}/invitees/{clientId}/missed",
            async (string id, string clientId, MissedInput input, AttendanceWork work, CancellationToken ct) =>
            {
                var (note, outcome) = await work.MarkMissedAsync(id, clientId, input, ct);
                return note is null ? Problems.For(outcome) : Results.Ok(note);
            });

        staff.MapGet("/appointments/{id}/invitees/{clientId}/missed", async (string id, string clientId, AttendanceWork work, CancellationToken ct) =>
            await work.IsVisibleAsync(id, ct) && await work.MissedNoteAsync(id, clientId, ct) is { } note
                ? Results.Ok(note)
                : Problems.NotFound());

        staff.MapDelete("/appointments/{id}/invitees/{clientId}/missed", async (string id, string clientId, AttendanceWork work, CancellationToken ct) =>
            Answer(await work.UndoMissedAsync(id, clientId, ct)));

        staff.MapPost("/appointments/{id}/invitees/{clientId}/attended", async (string id, string clientId, AttendanceWork work, CancellationToken ct) =>
            Answer(await work.MarkAttendedAsync(id, clientId, true, ct)));

        staff.MapDelete("/appointments/{id}/invitees/{clientId}/attended", async (string id, string clientId, AttendanceWork work, CancellationToken ct) =>
            Answer(await work.MarkAttendedAsync(id, clientId, false, ct)));

        staff.MapDelete("/appointments/{id}", async (string id, AttendanceWork work, CancellationToken ct) =>
            Answer(await work.DeleteAsync(id, ct)));

        staff.MapDelete("/series/{seriesId}", async (string seriesId, string? from, AttendanceWork work, CancellationToken ct) =>
        {
            var (start, bad) = Wire.ParseDate(from, "from");
            if (bad is not null)
            {
                return Problems.Validation([bad]);
            }

            var (result, outcome) = await work.DeleteSeriesAsync(seriesId, start!.Value, ct);
            return result is null ? Problems.For(outcome) : Results.Ok(result);
        });

        staff.MapPost("/groups/{id}/sync-future-appointments", async (string id, AttendanceWork work, CancellationToken ct) =>
        {
            var (report, outcome) = await work.SyncRosterAsync(id, ct);
            return report is null ? Problems.For(outcome) : Results.Ok(report);
        });

        api.MapGet("/appointments/{id}/history", async (string id, AttendanceWork work, CaseloadDbContext db, CancellationToken ct) =>
            {
                if (!await work.IsVisibleAsync(id, ct))
                {
                    return Problems.NotFound();
                }

                var zone = await db.ZoneAsync(ct);
                return Results.Ok((await work.HistoryAsync(id, ct)).Select(e => new HistoryDto(Wire.Time(e.At, zone), e.By, e.What)));
            })
            .WithTags("Attendance");
    }

    private static IResult Answer(Outcome outcome) => outcome.Succeeded ? Results.NoContent() : Problems.For(outcome);
}
