using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;
using Caseload.Web.Workers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// The portal's API as a signed-in client uses it: their own sessions, the <c>.ics</c>, cancelling under the policy,
/// booking a seat, the waitlist and their bills. The client is always the one signed in: another client's session or
/// place in line is 404, and a staff token opens none of it.
/// </summary>
public abstract class PortalRouteTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Appointments_AreTheClientsOwn_UnderTheClientTitle()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var group = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        var bobsOwn = await scene.IndividualSessionAsync(scene.Bob, AttendanceApi.At(app, 8));

        var mine = await booking.Of(scene.Alice).ArrayAsync(PortalRoutesApi.Appointments);

        var session = Assert.Single(mine);
        Assert.Equal((group, scene.ClientTitle, "group", "booked", true, "Room 2"),
            (session.Text("id"), session.Text("title"), session.Text("kind"), session.Text("status"), session.GetProperty("canCancel").GetBoolean(),
                session.Text("location")));
        Assert.Contains(bobsOwn, (await booking.Of(scene.Bob).ArrayAsync(PortalRoutesApi.Appointments)).Ids());
    }

    [Fact]
    public async Task Ics_HasTheClientAsItsOnlyAttendee_AndAnotherClientsSessionIs404()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var group = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        var bobsOwn = await scene.IndividualSessionAsync(scene.Bob, AttendanceApi.At(app, 8));

        var ics = await booking.Of(scene.Alice).GetAsync($"{PortalRoutesApi.Appointments}/{group}.ics", Ct);
        var others = await booking.Of(scene.Alice).GetAsync($"{PortalRoutesApi.Appointments}/{bobsOwn}.ics", Ct);

        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var text = (await ics.Content.ReadAsStringAsync(Ct)).Replace("\r\n ", "", StringComparison.Ordinal);
        var attendee = Assert.Single(text.Split("\r\n"), l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
        Assert.Contains(scene.Alice.Email, attendee, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(scene.ClientTitle, text, StringComparison.Ordinal);
        await others.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Cancel_InsideTheWindow_Is409NamingTheFee_AndConfirmed_MarksTheClientMissedWithIt_Rule7()
    {
        await app.SetPracticeMissedSessionFeeAsync(40.00m);
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var tomorrow = await scene.GroupSessionAsync(AttendanceApi.At(app, 1, hour: 9));
        var alice = booking.Of(scene.Alice);

        var priced = await JsonAsync(await alice.CancelAsync(tomorrow), HttpStatusCode.Conflict);
        var stillBooked = (await alice.ArrayAsync(PortalRoutesApi.Appointments)).Single(a => a.Text("id") == tomorrow).Text("status");
        var done = await JsonAsync(await alice.CancelAsync(tomorrow, confirmLateFee: true), HttpStatusCode.OK);

        Assert.Equal(("late-cancel-fee", 40.00m), (priced.Text("code"), priced.GetProperty("fee").GetDecimal()));
        Assert.Contains("40.00", priced.Text("title"), StringComparison.Ordinal);
        Assert.Equal("booked", stillBooked);
        Assert.Equal(("cancelled-late", 40.00m), (done.Text("result"), done.GetProperty("fee").GetDecimal()));
        Assert.Equal("missed", (await alice.ArrayAsync(PortalRoutesApi.Appointments)).Single(a => a.Text("id") == tomorrow).Text("status"));
        var invoice = Assert.Single(await alice.ArrayAsync(PortalRoutesApi.Invoices));
        Assert.Equal(40.00m, invoice.GetProperty("amount").GetDecimal());
        Assert.StartsWith("Missed or late-cancelled session", invoice.Text("description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_InTime_GivesUpTheSeat_AndTheSessionShowsCancelled()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var session = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));

        var done = await JsonAsync(await booking.Of(scene.Alice).CancelAsync(session), HttpStatusCode.OK);

        Assert.Equal(("seat-given-up", JsonValueKind.Null), (done.Text("result"), done.GetProperty("fee").ValueKind));
        var shown = Assert.Single(await booking.Of(scene.Alice).ArrayAsync(PortalRoutesApi.Appointments));
        Assert.Equal(("cancelled", false), (shown.Text("status"), shown.GetProperty("canCancel").GetBoolean()));
    }

    [Fact]
    public async Task Booking_TakesTheLastSeat_ThenTheNextIs409Full_AndWaits()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var session = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        var dave = booking.Of(booking.Dave);
        Assert.Equal(HttpStatusCode.NoContent, (await scene.Http.DeleteAsync($"/api/v1/appointments/{session}/invitees/{scene.Carol.Id}", Ct)).StatusCode);

        var open = Assert.Single(await dave.ArrayAsync(PortalRoutesApi.Openings));
        var booked = await JsonAsync(await dave.BookAsync(session), HttpStatusCode.Created);
        var carolMayBook = await scene.Http.MarkEligibleAsync(scene.Setup.GroupId, scene.Carol.Id);
        var carol = booking.Of(scene.Carol);
        var refused = await carol.BookAsync(session);
        var waiting = await JsonAsync(await carol.WaitAsync(session), HttpStatusCode.Created);

        Assert.Equal((scene.ClientTitle, session, "few"), (open.Text("title"), open.GetProperty("sessions")[0].Text("appointmentId"),
            open.GetProperty("sessions")[0].Text("seats")));
        Assert.Equal(session, booked.Text("appointmentId"));
        Assert.Contains(session, (await dave.ArrayAsync(PortalRoutesApi.Appointments)).Ids());
        carolMayBook.EnsureSuccessStatusCode();
        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "full");
        Assert.Equal(1, waiting.GetProperty("position").GetInt32());
        Assert.Equal("full", Assert.Single(await carol.ArrayAsync(PortalRoutesApi.Openings)).GetProperty("sessions")[0].Text("seats"));
    }

    [Fact]
    public async Task CancellingASeatInTime_OffersItToTheFirstInLine_WhoAcceptsIt()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var session = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        var dave = booking.Of(booking.Dave);
        var place = await JsonAsync(await dave.WaitAsync(session), HttpStatusCode.Created);

        await JsonAsync(await booking.Of(scene.Alice).CancelAsync(session), HttpStatusCode.OK);
        var offered = Assert.Single(await dave.ArrayAsync(PortalRoutesApi.Waitlist));
        var othersTry = await booking.Of(scene.Alice).PostAsync($"{PortalRoutesApi.Waitlist}/{place.Text("id")}/accept", null, Ct);
        var accepted = await dave.PostAsync($"{PortalRoutesApi.Waitlist}/{place.Text("id")}/accept", null, Ct);

        Assert.Equal((place.Text("id"), session, scene.ClientTitle), (offered.Text("id"), offered.Text("appointmentId"), offered.Text("title")));
        Assert.Equal(JsonValueKind.Object, offered.GetProperty("offer").ValueKind);
        await othersTry.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Contains(session, (await dave.ArrayAsync(PortalRoutesApi.Appointments)).Ids());
        Assert.Empty(await dave.ArrayAsync(PortalRoutesApi.Waitlist));
    }

    [Fact]
    public async Task LeavingTheWaitlist_EndsTheClientsPlace_AndAnothersPlaceIs404()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var session = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        var place = await JsonAsync(await booking.Of(booking.Dave).WaitAsync(session), HttpStatusCode.Created);

        var byAnother = await booking.Of(scene.Alice).DeleteAsync($"{PortalRoutesApi.Waitlist}/{place.Text("id")}", Ct);
        var left = await booking.Of(booking.Dave).DeleteAsync($"{PortalRoutesApi.Waitlist}/{place.Text("id")}", Ct);

        await byAnother.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Empty(await booking.Of(booking.Dave).ArrayAsync(PortalRoutesApi.Waitlist));
    }

    [Fact]
    public async Task Statement_AddsUpTheClientsChargesAndPayments_AndRefusesABackwardPeriod()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        await scene.GroupSessionAsync(AttendanceApi.At(app, -3));
        var alice = booking.Of(scene.Alice);

        var statement = await JsonAsync(await alice.GetAsync(PortalRoutesApi.Statement, Ct), HttpStatusCode.OK);
        var backward = await alice.GetAsync($"{PortalRoutesApi.Statement}?from=2026-06-01&to=2026-05-01", Ct);

        var charge = Assert.Single(statement.GetProperty("lines").EnumerateArray());
        var invoice = Assert.Single(await alice.ArrayAsync(PortalRoutesApi.Invoices));
        Assert.Equal(invoice.GetProperty("amount").GetDecimal(), charge.GetProperty("charge").GetDecimal());
        Assert.Equal(invoice.GetProperty("amount").GetDecimal(), statement.GetProperty("closingBalance").GetDecimal());
        await backward.AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task StaffToken_OpensNoPortalRoute()
    {
        var staff = await app.StaffAsync("Clinician");
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/portal/api/v1", StringComparison.Ordinal) == true
                && !e.RoutePattern.RawText.StartsWith("/portal/api/v1/sign-in", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, e.RoutePattern.RawText!)))
            .ToList();

        Assert.Contains(routes, r => r == ("POST", "/portal/api/v1/bookings"));
        foreach (var (method, template) in routes)
        {
            var path = template.Replace("{id}", "x", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            var response = await staff.Client.SendAsync(request, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {template}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task OfferEmail_ReachesTheFirstInLine_AfterACancellationInThePortal()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var session = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        await JsonAsync(await booking.Of(booking.Dave).WaitAsync(session), HttpStatusCode.Created);
        var before = app.Inbox.To(booking.Dave.Email).Count;

        await JsonAsync(await booking.Of(scene.Bob).CancelAsync(session), HttpStatusCode.OK);
        await app.Services.GetRequiredService<WaitlistWorker>().RunOnceAsync(Ct);

        var offer = app.Inbox.To(booking.Dave.Email).Skip(before);
        Assert.Contains("A seat is held for you", Assert.Single(offer).TextBody, StringComparison.Ordinal);
    }
}

public sealed class PortalRouteSqliteTests(SqliteReminderApp app) : PortalRouteTests(app), IClassFixture<SqliteReminderApp>;

public sealed class PortalRoutePostgresTests(PostgresReminderApp app) : PortalRouteTests(app), IClassFixture<PostgresReminderApp>;
