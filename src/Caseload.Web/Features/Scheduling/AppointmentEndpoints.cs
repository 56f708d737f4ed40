using Caseload.Domain;
using Caseload.Web.Api;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Scheduling;

internal static class AppointmentEndpoints
{
    public static void MapAppointments(this RouteGroupBuilder api)
    {
        var appointments = api.MapGroup("/appointments").WithTags("Appointments");
        var schedulers = new[] { Roles.Administrator, Roles.Scheduler, Roles.Clinician };

        appointments.MapGet("/", async (string? from, string? to, string? clinicianId, AppointmentFeed feed, CaseloadDbContext db, CancellationToken ct) =>
        {
            var (start, end, refusals) = Wire.ParseRange(from, to, AppointmentFeed.MaxDays);
            if (refusals.Count > 0)
            {
                return Problems.Validation(refusals);
            }

            var zone = await db.ZoneAsync(ct);
            var views = await feed.BetweenAsync(start, end, zone, clinicianId, ct);
            return Results.Ok(views.Select(v => v.ToDto(zone)));
        });

        appointments.MapGet("/{id}", async (string id, AppointmentFeed feed, CaseloadDbContext db, HttpContext http, CancellationToken ct) =>
        {
            if (await feed.FindAsync(id, ct) is not { } view)
            {
                return Problems.NotFound();
            }

            var dto = view.ToDto(await db.ZoneAsync(ct));
            http.Response.Headers.ETag = Wire.ETag(dto.Version);
            return Results.Ok(dto);
        });

        appointments.MapPost("/", async (AppointmentInput input, BookAppointments book, HttpContext http, CancellationToken ct) =>
            {
                var (booked, outcome) = await book.BookAsync(input, ct);
                if (booked is null)
                {
                    return Problems.For(outcome);
                }

                if (booked.Appointments.Count == 1)
                {
                    http.Response.Headers.ETag = Wire.ETag(booked.Appointments[0].Version);
                }

                return Results.Created($"/api/v1/appointments/{booked.Appointments[0].Id}", booked);
            })
            .RequireAuthorization(p => p.RequireRole(schedulers));

        appointments.MapPost("/check", async (AppointmentInput input, BookAppointments book, CancellationToken ct) =>
            {
                var (warnings, outcome) = await book.CheckAsync(input, ct);
                return warnings is null ? Problems.For(outcome) : Results.Ok(new ConflictResponse(warnings));
            })
            .RequireAuthorization(p => p.RequireRole(schedulers));

        appointments.MapPatch("/{id}", async (string id, AppointmentPatch patch, [FromHeader(Name = "If-Match")] string? ifMatch,
                ChangeAppointment change, HttpContext http, CancellationToken ct) =>
                Answer(await change.PatchAsync(id, patch, ifMatch, ct), http))
            .RequireAuthorization(p => p.RequireRole(schedulers));

        appointments.MapPost("/{id}/cancel", async (string id, [FromHeader(Name = "If-Match")] string? ifMatch,
                ChangeAppointment change, HttpContext http, CancellationToken ct) =>
                Answer(await change.CancelAsync(id, ifMatch, ct), http))
            .RequireAuthorization(p => p.RequireRole(schedulers));
    }

    private static IResult Answer((AppointmentDto? Saved, Outcome Outcome) result, HttpContext http)
    {
        if (result.Saved is null)
        {
            return Problems.For(result.Outcome);
        }

        http.Response.Headers.ETag = Wire.ETag(result.Saved.Version);
        return Results.Ok(result.Saved);
    }
}
