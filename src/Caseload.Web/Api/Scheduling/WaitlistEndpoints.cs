using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Groups;
using NodaTime;

namespace Caseload.Web.Api.Scheduling;

/// <summary>The body of <c>PUT /api/v1/appointments/{id}/waitlist</c>: every entry's id, in the new order.</summary>
public sealed record WaitlistOrderInput(IReadOnlyList<string>? Ids);

public sealed record WaitlistOfferDto(string ExpiresAt, bool Lapsed);

public sealed record WaitlistEntryDto(string Id, string ClientId, string Name, int Position, string JoinedAt, WaitlistOfferDto? Offer);

/// <summary>A session's waitlist as staff read it.</summary>
public sealed record WaitlistDto(string AppointmentId, bool SelfBooking, int? Capacity, int Invitees, IReadOnlyList<WaitlistEntryDto> Entries)
{
    public static WaitlistDto From(WaitlistView w, DateTimeZone zone) => new(w.AppointmentId, w.SelfBooking, w.Capacity, w.Invitees,
        [.. w.Entries.Select(e => new WaitlistEntryDto(e.Id, e.ClientId, e.Name, e.Position, Wire.Time(e.JoinedAt, zone),
            e.OfferExpiresAt is { } expires ? new WaitlistOfferDto(Wire.Time(expires, zone), e.OfferLapsed) : null))]);
}

/// <summary>Staff see a self-booking session's waitlist, put it in another order, and take a client off it.</summary>
internal static class WaitlistEndpoints
{
    public static void MapWaitlists(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/appointments/{id}/waitlist").WithTags("Waitlist").RequireAuthorization(Policies.Schedules);

        staff.MapGet("/", async (string id, SessionWaitlist waitlist, CaseloadDbContext db, CancellationToken ct) =>
        {
            var zone = await db.ZoneAsync(ct);
            return Problems.Ok(await waitlist.ReadAsync(id, ct), w => WaitlistDto.From(w, zone));
        });

        staff.MapPut("/", async (string id, WaitlistOrderInput input, ReorderWaitlist reorder, CaseloadDbContext db, CancellationToken ct) =>
        {
            var outcome = await reorder.HandleAsync(new ReorderWaitlistCommand(id, input.Ids), ct);
            var zone = await db.ZoneAsync(ct);
            return Problems.Ok(outcome, w => WaitlistDto.From(w, zone));
        });

        staff.MapDelete("/{clientId}", async (string id, string clientId, RemoveWaitlistEntry remove, CaseloadDbContext db, CancellationToken ct) =>
        {
            var outcome = await remove.HandleAsync(new RemoveWaitlistEntryCommand(id, clientId), ct);
            var zone = await db.ZoneAsync(ct);
            return Problems.Ok(outcome, w => WaitlistDto.From(w, zone));
        });
    }
}
