using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Scheduling;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Caseload.Web.Api.Scheduling;

internal static class AppointmentEndpoints
{
    public static void MapAppointments(this RouteGroupBuilder api)
    {
        var appointments = api.MapGroup("/appointments").WithTags("Appointments");

        appointments.MapGet("/", async (string? from, string? to, string? clinicianId, AppointmentFeed feed, KeptPractice practice, CancellationToken ct) =>
        {
            var (start, end, refusals) = Wire.ParseRange(from, to, AppointmentFeed.MaxDays);
            if (refusals.Count > 0)
            {
                return Problems.Validation(refusals);
            }

            var zone = await practice.ZoneAsync(ct);
            var entries = await feed.CalendarAsync(start, end, zone, clinicianId, ct);
            return Results.Ok(entries.Select(e => e.ToDto(zone)));
        });

        appointments.MapGet("/{id}", async (string id, AppointmentFeed feed, CaseloadDbContext db, HttpContext http, CancellationToken ct) =>
        {
            if (await feed.ReadAsync(id, ct) is not { } view)
            {
                return Problems.NotFound();
            }

            var dto = view.ToDto(await db.ZoneAsync(ct));
            http.Response.Headers.ETag = Wire.ETag(dto.Version);
            return Results.Ok(dto);
        });

        appointments.MapPost("/", async (AppointmentInput input, BookAppointment book, BookingPlanner planner, CaseloadDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var zone = await db.ZoneAsync(ct);
                var command = await input.ReadAsync(zone, planner, ct);
                var booked = command.Succeeded ? await book.HandleAsync(command.Value, ct) : command.AsOutcome;
                if (!booked.Succeeded)
                {
                    return Problems.For(booked.AsOutcome);
                }

                var response = booked.Value.ToDto(zone);
                if (response.Appointments.Count == 1)
                {
                    http.Response.Headers.ETag = Wire.ETag(response.Appointments[0].Version);
                }

                return Results.Created($"/api/v1/appointments/{response.Appointments[0].Id}", response);
            })
            .RequireAuthorization(Policies.Schedules)
            .WithMetadata(new IdempotentAttribute());

        appointments.MapPost("/check", async (AppointmentInput input, CheckBooking check, BookingPlanner planner, CaseloadDbContext db,
                CancellationToken ct) =>
            {
                var command = await input.ReadAsync(await db.ZoneAsync(ct), planner, ct);
                var warnings = command.Succeeded ? await check.HandleAsync(command.Value, ct) : command.AsOutcome;
                return Problems.Ok(warnings, w => new ConflictResponse(w));
            })
            .RequireAuthorization(Policies.Schedules);

        appointments.MapPatch("/{id}", async (string id, AppointmentPatch patch, [FromHeader(Name = "If-Match")] string? ifMatch,
                ChangeAppointment change, CaseloadDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var zone = await db.ZoneAsync(ct);
                var command = patch.Read(id, ifMatch, zone);
                return Answer(command.Succeeded ? await change.HandleAsync(command.Value, ct) : command.AsOutcome, zone, http);
            })
            .RequireAuthorization(Policies.Schedules);

        appointments.MapPost("/{id}/cancel", async (string id, [FromHeader(Name = "If-Match")] string? ifMatch,
                CancelAppointment cancel, CaseloadDbContext db, HttpContext http, CancellationToken ct) =>
                Answer(await cancel.HandleAsync(new CancelAppointmentCommand(id, Wire.IfMatch(ifMatch)), ct), await db.ZoneAsync(ct), http))
            .RequireAuthorization(Policies.Schedules);
    }

    /// <summary>The saved appointment with its new ETag, or the refusals.</summary>
    private static IResult Answer(Outcome<AppointmentView> saved, DateTimeZone zone, HttpContext http)
    {
        if (!saved.Succeeded)
        {
            return Problems.For(saved.AsOutcome);
        }

        var dto = saved.Value.ToDto(zone);
        http.Response.Headers.ETag = Wire.ETag(dto.Version);
        return Results.Ok(dto);
    }
}
