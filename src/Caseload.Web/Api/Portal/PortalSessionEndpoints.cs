using Caseload.Domain;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Portal.Booking;
using Caseload.Web.Features.Portal.Sessions;
using NodaTime;

namespace Caseload.Web.Api.Portal;

/// <summary>One of the client's own sessions: nothing about anyone else on it.</summary>
public sealed record PortalAppointmentDto(
    string Id, string Start, string End, string? Location, string Kind, string Title, string Status, bool CanCancel)
{
    public static PortalAppointmentDto From(MySession s, DateTimeZone zone) => new(s.Id, Wire.Time(s.StartsAt, zone), Wire.Time(s.EndsAt, zone),
        s.Location, Wire.Kind(s.Kind), s.Title, s.Status.ToString().ToLowerInvariant(), s.CanCancel);
}

/// <param name="ConfirmLateFee">The client saw the late-cancellation fee (the 409 <c>late-cancel-fee</c> named it) and accepts it.</param>
public sealed record PortalCancelInput(bool? ConfirmLateFee);

/// <param name="Result"><c>seat-given-up</c>, <c>cancelled</c> or <c>cancelled-late</c> (marked missed with <paramref name="Fee"/>).</param>
public sealed record PortalCancelledDto(string AppointmentId, string Result, decimal? Fee)
{
    public static PortalCancelledDto From(MySessionCancelled c) => new(c.AppointmentId, c.What switch
    {
        MyCancellation.SeatGivenUp => "seat-given-up",
        MyCancellation.SessionCancelled => "cancelled",
        _ => "cancelled-late",
    }, c.Fee);
}

public sealed record PortalInvoiceDto(
    string Id, string Number, string IssuedOn, string SessionDate, string Description, decimal Amount, decimal Paid, decimal Balance, string Status)
{
    public static PortalInvoiceDto From(MyInvoice i) => new(i.Id, i.Number, Wire.Date(i.IssuedOn), Wire.Date(i.SessionDate), i.Description,
        i.Amount, i.Paid, i.Balance, i.Status.ToString().ToLowerInvariant());
}

public sealed record PortalStatementLineDto(string Date, string Description, decimal? Charge, decimal? Payment);

public sealed record PortalStatementDto(
    string From, string To, string Currency, decimal OpeningBalance, IReadOnlyList<PortalStatementLineDto> Lines, decimal ClosingBalance)
{
    public static PortalStatementDto Of(MyStatementView s) => new(Wire.Date(s.From), Wire.Date(s.To), s.Currency, s.OpeningBalance,
        [.. s.Lines.Select(l => new PortalStatementLineDto(Wire.Date(l.Date), l.Description, l.Charge, l.Payment))], s.ClosingBalance);
}

public sealed record PortalOpenSessionDto(string AppointmentId, string Start, string Seats);

public sealed record PortalOpeningDto(string GroupId, string Title, IReadOnlyList<PortalOpenSessionDto> Sessions)
{
    public static PortalOpeningDto From(Opening o, DateTimeZone zone) => new(o.GroupId, o.Title,
        [.. o.Sessions.Select(s => new PortalOpenSessionDto(s.AppointmentId, Wire.Time(s.Start, zone), s.Seats.ToString().ToLowerInvariant()))]);
}

public sealed record PortalSessionChoice(string? AppointmentId);

public sealed record PortalBookingDto(string AppointmentId, string Start);

public sealed record PortalWaitlistPlaceDto(string Id, int Position);

public sealed record PortalOfferDto(string ExpiresAt);

public sealed record PortalWaitlistEntryDto(string Id, string AppointmentId, string Start, string Title, int Position, PortalOfferDto? Offer)
{
    public static PortalWaitlistEntryDto From(WaitlistPlaceView w, DateTimeZone zone) => new(w.Id, w.AppointmentId, Wire.Time(w.Start, zone), w.Title,
        w.Position, w.OfferExpiresAt is { } expires ? new PortalOfferDto(Wire.Time(expires, zone)) : null);
}

/// <summary>
/// The signed-in client's own sessions, bills, group openings and waitlist places. Every handler takes the client from
/// the sign-in (<see cref="CurrentClient"/>), never from the request, so a client can only ever name their own.
/// </summary>
internal static class PortalSessionEndpoints
{
    public static void MapPortalSessions(this RouteGroupBuilder portal)
    {
        portal.MapGet("/appointments", async (MySessions sessions, CurrentClient me, CancellationToken ct) =>
            Problems.Ok(await sessions.HandleAsync(me.ClientId, ct),
                list => list.Upcoming.Concat(list.Past).Select(s => PortalAppointmentDto.From(s, list.Zone)).ToList()));

        portal.MapGet("/appointments/{id}.ics", async (string id, MyAppointmentCalendar calendar, CurrentClient me, CancellationToken ct) =>
        {
            var file = await calendar.HandleAsync(id, me.ClientId, ct);
            return file.Succeeded
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(file.Value.Text), CalendarFile.ContentType, file.Value.FileName)
                : Problems.For(file.AsOutcome);
        });

        portal.MapPost("/appointments/{id}/cancel", async (string id, PortalCancelInput? input, CancelMySession cancel, CurrentClient me, CancellationToken ct) =>
            Problems.Ok(await cancel.HandleAsync(new CancelMySessionCommand(id, me.ClientId, input?.ConfirmLateFee == true), ct), PortalCancelledDto.From));

        portal.MapGet("/invoices", async (MyInvoices invoices, CurrentClient me, CancellationToken ct) =>
            Problems.Ok(await invoices.HandleAsync(me.ClientId, ct), list => list.Select(PortalInvoiceDto.From).ToList()));

        portal.MapGet("/statement", async (string? from, string? to, MyStatement statement, CurrentClient me, CancellationToken ct) =>
        {
            var (start, badFrom) = from is null ? (null, null) : Wire.ParseDate(from, "from");
            var (end, badTo) = to is null ? (null, null) : Wire.ParseDate(to, "to");
            Refusal[] refusals = [.. new[] { badFrom, badTo }.OfType<Refusal>()];
            return refusals.Length > 0
                ? Problems.Validation(refusals)
                : Problems.Ok(await statement.HandleAsync(new MyStatementQuery(me.ClientId, start, end), ct), PortalStatementDto.Of);
        });
    }

    public static void MapPortalBooking(this RouteGroupBuilder portal)
    {
        portal.MapGet("/openings", async (Openings openings, CurrentClient me, CaseloadDbContext db, CancellationToken ct) =>
        {
            var found = await openings.ForClientAsync(me.ClientId, ct);
            var zone = await db.ZoneAsync(ct);
            return Results.Ok(found.Select(o => PortalOpeningDto.From(o, zone)).ToList());
        });

        portal.MapPost("/bookings", async (PortalSessionChoice input, BookSeat book, CurrentClient me, CaseloadDbContext db, CancellationToken ct) =>
            Booked(await book.HandleAsync(new BookSeatCommand(me.ClientId, input.AppointmentId), ct), await db.ZoneAsync(ct)));

        portal.MapGet("/waitlist", async (ClientWaitlist waitlist, CurrentClient me, CaseloadDbContext db, CancellationToken ct) =>
        {
            var places = await waitlist.ForClientAsync(me.ClientId, ct);
            var zone = await db.ZoneAsync(ct);
            return Results.Ok(places.Select(w => PortalWaitlistEntryDto.From(w, zone)).ToList());
        });

        portal.MapPost("/waitlist", async (PortalSessionChoice input, JoinWaitlist join, CurrentClient me, CancellationToken ct) =>
        {
            var joined = await join.HandleAsync(new JoinWaitlistCommand(me.ClientId, input.AppointmentId), ct);
            return joined.Succeeded
                ? Results.Created($"{PortalRoutes.Prefix}/waitlist", new PortalWaitlistPlaceDto(joined.Value.Id, joined.Value.Position))
                : Problems.For(joined.AsOutcome);
        });

        portal.MapPost("/waitlist/{id}/accept", async (string id, AcceptOffer accept, CurrentClient me, CaseloadDbContext db, CancellationToken ct) =>
            Booked(await accept.HandleAsync(new AcceptOfferCommand(me.ClientId, id), ct), await db.ZoneAsync(ct)));

        portal.MapPost("/waitlist/{id}/decline", async (string id, DeclineOffer decline, CurrentClient me, CancellationToken ct) =>
            Problems.NoContent(await decline.HandleAsync(new DeclineOfferCommand(me.ClientId, id), ct)));

        portal.MapDelete("/waitlist/{id}", async (string id, LeaveWaitlist leave, CurrentClient me, CancellationToken ct) =>
            Problems.NoContent(await leave.HandleAsync(new LeaveWaitlistCommand(me.ClientId, id), ct)));
    }

    private static IResult Booked(Outcome<BookedSeat> booked, DateTimeZone zone) => booked.Succeeded
        ? Results.Created($"{PortalRoutes.Prefix}/appointments/{booked.Value.AppointmentId}.ics",
            new PortalBookingDto(booked.Value.AppointmentId, Wire.Time(booked.Value.Start, zone)))
        : Problems.For(booked.AsOutcome);
}
