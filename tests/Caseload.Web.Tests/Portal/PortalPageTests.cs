using System.Net;
using Caseload.Web.Tests.Account;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// Issue 18, the portal's pages: a client's sessions under the group's client title and nothing about anyone else;
/// cancelling late names the fee and only the confirmation cancels; booking a seat, a full session offering its
/// waitlist, an offer taken; bills with a statement whose bad period is said beside the date; and none of it opens to a
/// staff member's cookie. The scene is the booking scene: a group of Alice, Bob and Carol, three seats a session, and
/// Dave eligible to book it.
/// </summary>
public abstract class PortalPageTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertNothingOf(IEnumerable<SceneClient> others, string html)
    {
        foreach (var trace in others.SelectMany(o => o.Traces))
        {
            Assert.DoesNotContain(trace, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task SessionsPage_ShowsTheClientsOwnSessions_UnderTheClientTitle_NeverTheGroupsNameOrAnotherMember()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var group = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        var bobsOwn = await scene.IndividualSessionAsync(scene.Bob, AttendanceApi.At(app, 8));
        using var alice = await app.PagesOfAsync(scene.Alice);

        var page = await alice.PageAsync(PortalPages.Sessions);

        Assert.Contains(group, page, StringComparison.Ordinal);
        Assert.Contains(scene.ClientTitle, page, StringComparison.Ordinal);
        Assert.Contains("Room 2", page, StringComparison.Ordinal);
        Assert.Contains("Add to calendar", page, StringComparison.Ordinal);
        Assert.DoesNotContain(bobsOwn, page, StringComparison.Ordinal);
        Assert.DoesNotContain(scene.InternalName, page, StringComparison.OrdinalIgnoreCase);
        AssertNothingOf([scene.Bob, scene.Carol, booking.Dave], page);
    }

    [Fact]
    public async Task AddToCalendar_IsTheClientsIcs_AndAnotherClientsSessionIs404()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var group = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        var bobsOwn = await scene.IndividualSessionAsync(scene.Bob, AttendanceApi.At(app, 8));
        using var alice = await app.PagesOfAsync(scene.Alice);

        var ics = await alice.GetAsync($"{PortalPages.Sessions}?handler=Calendar&id={group}", Ct);
        var others = await alice.GetAsync($"{PortalPages.Sessions}?handler=Calendar&id={bobsOwn}", Ct);

        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var text = await ics.Content.ReadAsStringAsync(Ct);
        Assert.Contains(scene.ClientTitle, text, StringComparison.Ordinal);
        AssertNothingOf([scene.Bob, scene.Carol], text);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
    }

    [Fact]
    public async Task CancelOnThePage_InsideTheWindow_ShowsTheFee_AndOnlyTheConfirmationCancels_Rule7()
    {
        await app.SetPracticeMissedSessionFeeAsync(40.00m);
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var tomorrow = await scene.GroupSessionAsync(AttendanceApi.At(app, 1, hour: 9));
        using var alice = await app.PagesOfAsync(scene.Alice);

        var priced = await (await alice.PressAsync(PortalPages.Sessions, "Cancel", ("id", tomorrow))).ShownAsync();
        var stillBooked = (await booking.Of(scene.Alice).ArrayAsync(PortalRoutesApi.Appointments)).Single(a => a.Text("id") == tomorrow).Text("status");
        var confirmed = await alice.PressAsync(PortalPages.Sessions, "Cancel", ("id", tomorrow), ("confirmLateFee", "true"));
        var after = await alice.FollowedAsync(confirmed, PortalPages.Sessions);

        Assert.Contains("late-cancellation fee of 40.00", priced, StringComparison.Ordinal);
        Assert.Contains("Confirm the fee and cancel", priced, StringComparison.Ordinal);
        Assert.Equal("booked", stillBooked);
        Assert.Contains($"You cancelled your place in {scene.ClientTitle}", after, StringComparison.Ordinal);
        Assert.Contains("recorded as missed, with the late-cancellation fee of 40.00", after, StringComparison.Ordinal);
        Assert.Equal("missed", (await booking.Of(scene.Alice).ArrayAsync(PortalRoutesApi.Appointments)).Single(a => a.Text("id") == tomorrow).Text("status"));
        Assert.Equal(40.00m, Assert.Single(await booking.Of(scene.Alice).ArrayAsync(PortalRoutesApi.Invoices)).GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task CancelOnThePage_InTime_SaysYouCancelled_WithNoCharge()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var session = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        using var alice = await app.PagesOfAsync(scene.Alice);

        var after = await alice.FollowedAsync(await alice.PressAsync(PortalPages.Sessions, "Cancel", ("id", session)), PortalPages.Sessions);

        Assert.Contains($"You cancelled your place in {scene.ClientTitle}", after, StringComparison.Ordinal);
        Assert.Contains("There is no charge.", after, StringComparison.Ordinal);
        Assert.Equal("cancelled", Assert.Single(await booking.Of(scene.Alice).ArrayAsync(PortalRoutesApi.Appointments)).Text("status"));
    }

    [Fact]
    public async Task CancelOnThePage_ASessionThatHasStarted_IsAMessage_NotAnError()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var past = await scene.GroupSessionAsync(AttendanceApi.At(app, -1));
        using var alice = await app.PagesOfAsync(scene.Alice);

        var refused = await (await alice.PressAsync(PortalPages.Sessions, "Cancel", ("id", past))).ShownAsync();
        var unknown = await (await alice.PressAsync(PortalPages.Sessions, "Cancel", ("id", "no-such-session"))).ShownAsync();

        Assert.Contains("can no longer be cancelled", refused, StringComparison.Ordinal);
        Assert.Contains("No such appointment.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelOnThePage_WithoutTheFormsAntiforgeryToken_Is400_AndTheSessionStaysBooked()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var session = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        using var alice = await app.PagesOfAsync(scene.Alice);
        await alice.PageAsync(PortalPages.Sessions);

        var posted = await alice.PostAsync($"{PortalPages.Sessions}?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = session }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("booked", Assert.Single(await booking.Of(scene.Alice).ArrayAsync(PortalRoutesApi.Appointments)).Text("status"));
    }

    [Fact]
    public async Task BookPage_ShowsTheClientTitleAndSeatState_AndABookedSeatIsUnderSessions()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var session = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        Assert.Equal(HttpStatusCode.NoContent, (await scene.Http.DeleteAsync($"/api/v1/appointments/{session}/invitees/{scene.Carol.Id}", Ct)).StatusCode);
        using var dave = await app.PagesOfAsync(booking.Dave);

        var offered = await dave.PageAsync(PortalPages.Book);
        var after = await dave.FollowedAsync(await dave.PressAsync(PortalPages.Book, "Book", ("appointmentId", session)), PortalPages.Book);
        var sessions = await dave.PageAsync(PortalPages.Sessions);

        Assert.Contains(scene.ClientTitle, offered, StringComparison.Ordinal);
        Assert.Contains("Few seats left", offered, StringComparison.Ordinal);
        Assert.DoesNotContain(scene.InternalName, offered, StringComparison.OrdinalIgnoreCase);
        AssertNothingOf([scene.Alice, scene.Bob, scene.Carol], offered);
        Assert.Contains("Your seat is booked for", after, StringComparison.Ordinal);
        Assert.Contains(session, sessions, StringComparison.Ordinal);
        Assert.Contains(session, (await booking.Of(booking.Dave).ArrayAsync(PortalRoutesApi.Appointments)).Ids());
    }

    [Fact]
    public async Task BookPage_ASessionFullOnArrival_SaysSo_AndOffersTheWaitlist_WhichGivesTheClientsPlace()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var full = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        using var dave = await app.PagesOfAsync(booking.Dave);

        var listed = await dave.PageAsync(PortalPages.Book);
        var refused = await (await dave.PressAsync(PortalPages.Book, "Book", ("appointmentId", full))).ShownAsync();
        var joined = await dave.FollowedAsync(await dave.PressAsync(PortalPages.Book, "Wait", ("appointmentId", full)), PortalPages.Book);
        var waitlist = await dave.PageAsync(PortalPages.Waitlist);

        Assert.Contains(">Full<", listed, StringComparison.Ordinal);
        Assert.Contains("This session is full. You can join its waitlist.", refused, StringComparison.Ordinal);
        Assert.Contains("Join the waitlist", refused, StringComparison.Ordinal);
        Assert.Contains("number 1 in line", joined, StringComparison.Ordinal);
        Assert.Contains("You are number 1 in line.", waitlist, StringComparison.Ordinal);
        Assert.Contains(scene.ClientTitle, waitlist, StringComparison.Ordinal);
        AssertNothingOf([scene.Alice, scene.Bob, scene.Carol], waitlist);
        Assert.Equal(booking.Dave.Id, Assert.Single((await scene.Http.WaitlistAsync(full)).EntryClients()));
    }

    [Fact]
    public async Task WaitlistPage_ASeatHeldForTheClient_IsTakenWithTakeTheSeat()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var session = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        using var dave = await app.PagesOfAsync(booking.Dave);
        await dave.FollowedAsync(await dave.PressAsync(PortalPages.Book, "Wait", ("appointmentId", session)), PortalPages.Book);
        Assert.Equal(HttpStatusCode.OK, (await booking.Of(scene.Alice).CancelAsync(session)).StatusCode);

        var offered = await dave.PageAsync(PortalPages.Waitlist);
        var entry = Assert.Single(await booking.Of(booking.Dave).ArrayAsync(PortalRoutesApi.Waitlist)).Text("id");
        var taken = await dave.FollowedAsync(await dave.PressAsync(PortalPages.Waitlist, "Take", ("id", entry)), PortalPages.Waitlist);

        Assert.Contains("A seat is held for you until", offered, StringComparison.Ordinal);
        Assert.Contains("Let it go", offered, StringComparison.Ordinal);
        Assert.Contains("The seat is yours", taken, StringComparison.Ordinal);
        Assert.Contains(session, (await booking.Of(booking.Dave).ArrayAsync(PortalRoutesApi.Appointments)).Ids());
    }

    [Fact]
    public async Task WaitlistPage_LeaveTheWaitlist_EndsTheClientsPlace()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var full = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        Assert.Equal(HttpStatusCode.Created, (await booking.Of(booking.Dave).WaitAsync(full)).StatusCode);
        var entry = Assert.Single(await booking.Of(booking.Dave).ArrayAsync(PortalRoutesApi.Waitlist)).Text("id");
        using var dave = await app.PagesOfAsync(booking.Dave);

        var left = await dave.FollowedAsync(await dave.PressAsync(PortalPages.Waitlist, "Leave", ("id", entry)), PortalPages.Waitlist);

        Assert.Contains("You left the waitlist.", left, StringComparison.Ordinal);
        Assert.Contains("You are not on any waitlist.", left, StringComparison.Ordinal);
        Assert.Empty((await scene.Http.WaitlistAsync(full)).EntryClients());
    }

    [Fact]
    public async Task BillsPage_ListsTheClientsInvoices_AndABadPeriodIsSaidBesideTheFromDate()
    {
        await app.SetPracticeMissedSessionFeeAsync(40.00m);
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        var tomorrow = await scene.GroupSessionAsync(AttendanceApi.At(app, 1, hour: 9));
        Assert.Equal(HttpStatusCode.OK, (await booking.Of(scene.Alice).CancelAsync(tomorrow, confirmLateFee: true)).StatusCode);
        using var alice = await app.PagesOfAsync(scene.Alice);

        var bills = await alice.PageAsync(PortalPages.Bills);
        var backwards = await alice.PageAsync($"{PortalPages.Bills}?from=2026-03-10&to=2026-03-01");
        var notADate = await alice.PageAsync($"{PortalPages.Bills}?from=soon&to=2026-03-01");

        Assert.Contains("Missed or late-cancelled session: " + scene.ClientTitle, bills, StringComparison.Ordinal);
        Assert.Contains("40.00", bills, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"portal-statement-closing\"", bills, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"portal-statement-from-error\"[^>]*>The period starts on or before the day it ends.<", backwards);
        Assert.Matches("data-testid=\"portal-statement-from-error\"[^>]*>Enter a date", notADate);
        Assert.DoesNotContain(scene.InternalName, bills, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HomePage_ShowsTheNextSession_AndTheWayToSessionsAndBooking()
    {
        var booking = await app.BookingSceneAsync();
        var scene = booking.Scene;
        await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        using var alice = await app.PagesOfAsync(scene.Alice);

        var home = await alice.PageAsync("/portal");

        Assert.Contains("Your next session", home, StringComparison.Ordinal);
        Assert.Contains(scene.ClientTitle + ", Room 2", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/portal/book\"", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalPages.Sessions)]
    [InlineData(PortalPages.Book)]
    [InlineData(PortalPages.Waitlist)]
    [InlineData(PortalPages.Bills)]
    public async Task StaffCookie_OnAPortalPage_GetsThePortalSignInPage(string path)
    {
        var staff = await app.StaffAsync("Clinician");
        var cookie = await app.SignInWithCookieAsync(staff.Email);

        var page = await app.GetWithCookieAsync(path, cookie);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/portal/sign-in", page.Headers.Location?.ToString());
    }
}

public sealed class PortalPageSqliteTests(SqliteReminderApp app) : PortalPageTests(app), IClassFixture<SqliteReminderApp>;

public sealed class PortalPagePostgresTests(PostgresReminderApp app) : PortalPageTests(app), IClassFixture<PostgresReminderApp>;
