using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Groups;
using Caseload.Web.Features.Scheduling;

namespace Caseload.Web.Api.Scheduling;

internal static class AttendanceEndpoints
{
    public static void MapAttendance(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("").WithTags("Attendance").RequireAuthorization(Policies.Schedules);

        staff.MapPost("/appointments/{id}/invitees", async (string id, AddInvitee add, CancellationToken ct) =>
            Problems.For(await add.HandleAsync(new AddInviteeCommand(id), ct)));

        staff.MapDelete("/appointments/{id}/invitees/{clientId}", async (string id, string clientId, RemoveInvitee remove, CancellationToken ct) =>
            Problems.NoContent(await remove.HandleAsync(new RemoveInviteeCommand(id, clientId), ct)));

        staff.MapPost("/appointments/{id}/invitees/{clientId}/missed",
            async (string id, string clientId, MissedInput input, MarkInviteeMissed markMissed, CaseloadDbContext db, CancellationToken ct) =>
            {
                var outcome = await markMissed.HandleAsync(new MarkInviteeMissedCommand(id, clientId, input.Reason, input.Charge), ct);
                var zone = await db.ZoneAsync(ct);
                return Problems.Ok(outcome, n => n.ToDto(zone));
            });

        staff.MapGet("/appointments/{id}/invitees/{clientId}/missed",
            async (string id, string clientId, MissedNotes notes, CaseloadDbContext db, CancellationToken ct) =>
            {
                var note = await notes.OfInviteeAsync(id, clientId, ct);
                var zone = await db.ZoneAsync(ct);
                return Problems.Ok(note, n => n.ToDto(zone));
            });

        staff.MapDelete("/appointments/{id}/invitees/{clientId}/missed", async (string id, string clientId, UndoMissed undo, CancellationToken ct) =>
            Problems.NoContent(await undo.HandleAsync(new UndoMissedCommand(id, clientId), ct)));

        staff.MapPost("/appointments/{id}/invitees/{clientId}/attended", async (string id, string clientId, MarkInviteeAttended mark, CancellationToken ct) =>
            Problems.NoContent(await mark.HandleAsync(new MarkInviteeAttendedCommand(id, clientId, Attended: true), ct)));

        staff.MapDelete("/appointments/{id}/invitees/{clientId}/attended", async (string id, string clientId, MarkInviteeAttended mark, CancellationToken ct) =>
            Problems.NoContent(await mark.HandleAsync(new MarkInviteeAttendedCommand(id, clientId, Attended: false), ct)));

        staff.MapPost("/appointments/{id}/attendance/all-attended", async (string id, MarkAllAttended markAll, CaseloadDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            var outcome = await markAll.HandleAsync(new MarkAllAttendedCommand(id), ct);
            if (!outcome.Succeeded)
            {
                return Problems.For(outcome.AsOutcome);
            }

            var dto = outcome.Value.ToDto(await db.ZoneAsync(ct));
            http.Response.Headers.ETag = Wire.ETag(dto.Version);
            return Results.Ok(dto);
        });

        staff.MapDelete("/appointments/{id}", async (string id, DeleteAppointment delete, CancellationToken ct) =>
            Problems.NoContent(await delete.HandleAsync(new DeleteAppointmentCommand(id), ct)));

        staff.MapDelete("/series/{seriesId}", async (string seriesId, string? from, DeleteSeries deleteSeries, CancellationToken ct) =>
        {
            var (start, bad) = Wire.ParseDate(from, "from");
            if (bad is not null)
            {
                return Problems.Validation([bad]);
            }

            var outcome = await deleteSeries.HandleAsync(new DeleteSeriesCommand(seriesId, start!.Value), ct);
            return Problems.Ok(outcome, d => new DeletedSeries(d.Deleted, d.Kept));
        });

        staff.MapPost("/groups/{id}/sync-future-appointments", async (string id, SyncRoster sync, CancellationToken ct) =>
            Problems.Ok(await sync.HandleAsync(new SyncRosterCommand(id), ct), RosterReport.From));

        api.MapGet("/appointments/{id}/history", async (string id, AppointmentHistory history, CaseloadDbContext db, CancellationToken ct) =>
            {
                var events = await history.OfAsync(id, ct);
                var zone = await db.ZoneAsync(ct);
                return Problems.Ok(events, list => list.Select(e => e.ToDto(zone)));
            })
            .WithTags("Attendance");
    }
}
