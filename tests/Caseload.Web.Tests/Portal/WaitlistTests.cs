using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Domain;
using Caseload.Domain.Groups;
using Caseload.Web.Features.Portal.Booking;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;
using Caseload.Web.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// The waitlist of a full self-booking session: first come, first served; a freed seat is offered to the first in
/// line, held for them, passed on when they decline or let it lapse; the offer is emailed once, naming no one else.
/// The app's email goes to a real SMTP server inside the test; the waitlist worker runs when the test says.
/// </summary>
public abstract class WaitlistTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> RunWaitlistWorkerAsync() => app.Services.GetRequiredService<WaitlistWorker>().RunOnceAsync(Ct);

    /// <summary>
    /// A full session (3 seats: 2 members and Eligible[0]), with Eligible[1], [2] and [3] waiting in that order;
    /// Eligible[4] is eligible and not waiting.
    /// </summary>
    private async Task<SelfBookingSetup> FullWithThreeWaitingAsync()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 3, members: 2, eligible: 5);
        await app.FillAsync(setup.SessionId, setup.Eligible.Take(1));
        foreach (var client in setup.Eligible.Skip(1).Take(3))
        {
            Assert.True((await app.JoinWaitlistAsync(client, setup.SessionId)).Succeeded);
        }

        return setup;
    }

    /// <summary>Staff take Eligible[0] off the session (rule 6, a future session): their seat frees.</summary>
    private static async Task FreeASeatAsync(SelfBookingSetup setup) =>
        Assert.Equal(HttpStatusCode.NoContent,
            (await setup.Http.DeleteAsync($"/api/v1/appointments/{setup.SessionId}/invitees/{setup.Eligible[0]}", Ct)).StatusCode);

    private async Task<WaitlistPlaceView?> PlaceOfAsync(string clientId, string sessionId) =>
        (await app.WaitlistOfAsync(clientId)).SingleOrDefault(p => p.AppointmentId == sessionId);

    [Fact]
    public async Task JoinWaitlist_OfASessionWithSeatsLeft_IsRefusedNotFull()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);

        (await app.JoinWaitlistAsync(setup.Eligible[0], setup.SessionId)).AssertRefused(RefusalCodes.NotFull);
    }

    [Fact]
    public async Task JoinWaitlist_FirstComeFirstServed_EachIsToldTheirPlace()
    {
        var setup = await FullWithThreeWaitingAsync();

        var positions = await Task.WhenAll(setup.Eligible.Skip(1).Take(3).Select(async c => (await PlaceOfAsync(c, setup.SessionId))!.Position));

        Assert.Equal([1, 2, 3], positions);
        Assert.Equal(setup.Eligible.Skip(1).Take(3), (await setup.Http.WaitlistAsync(setup.SessionId)).EntryClients());
    }

    [Fact]
    public async Task JoinWaitlist_Twice_IsRefusedAlreadyWaitlisted()
    {
        var setup = await FullWithThreeWaitingAsync();

        (await app.JoinWaitlistAsync(setup.Eligible[1], setup.SessionId)).AssertRefused(RefusalCodes.AlreadyWaitlisted);
    }

    [Fact]
    public async Task FreedSeat_IsOfferedToTheFirstInLineOnly_OneOfferAtATime()
    {
        var setup = await FullWithThreeWaitingAsync();

        await FreeASeatAsync(setup);

        var first = await PlaceOfAsync(setup.Eligible[1], setup.SessionId);
        Assert.NotNull(first!.OfferExpiresAt);
        Assert.Equal(app.Time.GetUtcNow().AddHours(24).ToUnixTimeSeconds(), first.OfferExpiresAt!.Value.ToUnixTimeSeconds());
        Assert.Null((await PlaceOfAsync(setup.Eligible[2], setup.SessionId))!.OfferExpiresAt);
        Assert.Null((await PlaceOfAsync(setup.Eligible[3], setup.SessionId))!.OfferExpiresAt);
    }

    [Fact]
    public async Task HeldSeat_IsNotBookableByAnyoneElse()
    {
        var setup = await FullWithThreeWaitingAsync();
        await FreeASeatAsync(setup);

        (await app.BookSeatAsync(setup.Eligible[4], setup.SessionId)).AssertRefused(RefusalCodes.Full);
    }

    [Fact]
    public async Task AcceptOffer_BooksTheHeldSeat_AndEndsTheirPlaceInLine()
    {
        var setup = await FullWithThreeWaitingAsync();
        await FreeASeatAsync(setup);
        var place = await PlaceOfAsync(setup.Eligible[1], setup.SessionId);

        var accepted = await app.AcceptAsync(setup.Eligible[1], place!.Id);

        Assert.True(accepted.Succeeded, accepted.First?.Message);
        Assert.Contains(setup.Eligible[1], (await setup.Http.AppointmentAsync(setup.SessionId)).InviteeIds());
        Assert.Null(await PlaceOfAsync(setup.Eligible[1], setup.SessionId));
        Assert.Equal(1, (await PlaceOfAsync(setup.Eligible[2], setup.SessionId))!.Position);
    }

    [Fact]
    public async Task AcceptOffer_WithoutAnOffer_IsRefusedNoOpenOffer()
    {
        var setup = await FullWithThreeWaitingAsync();
        var place = await PlaceOfAsync(setup.Eligible[1], setup.SessionId);

        (await app.AcceptAsync(setup.Eligible[1], place!.Id)).AssertRefused(RefusalCodes.NoOpenOffer);
    }

    [Fact]
    public async Task DeclineOffer_PassesTheSeatToTheNextInLine()
    {
        var setup = await FullWithThreeWaitingAsync();
        await FreeASeatAsync(setup);
        var place = await PlaceOfAsync(setup.Eligible[1], setup.SessionId);

        Assert.True((await app.DeclineAsync(setup.Eligible[1], place!.Id)).Succeeded);

        Assert.Null(await PlaceOfAsync(setup.Eligible[1], setup.SessionId));
        Assert.NotNull((await PlaceOfAsync(setup.Eligible[2], setup.SessionId))!.OfferExpiresAt);
        Assert.Null((await PlaceOfAsync(setup.Eligible[3], setup.SessionId))!.OfferExpiresAt);
    }

    [Fact]
    public async Task LapsedOffer_PassesToTheNextInLine_WhenTheWorkerRuns()
    {
        var setup = await FullWithThreeWaitingAsync();
        await FreeASeatAsync(setup);

        app.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await RunWaitlistWorkerAsync();

        Assert.Null(await PlaceOfAsync(setup.Eligible[1], setup.SessionId));
        Assert.NotNull((await PlaceOfAsync(setup.Eligible[2], setup.SessionId))!.OfferExpiresAt);
        Assert.Null((await PlaceOfAsync(setup.Eligible[3], setup.SessionId))!.OfferExpiresAt);
    }

    [Fact]
    public async Task RaisingTheSeats_OffersTheNewSeatToTheFirstInLine()
    {
        var setup = await FullWithThreeWaitingAsync();

        var raised = await setup.Http.PutAsJsonAsync($"/api/v1/groups/{setup.GroupId}",
            new { name = setup.Group.GroupName, serviceCode = "90853", selfBooking = new { enabled = true, capacity = 4 } }, Ct);

        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.NotNull((await PlaceOfAsync(setup.Eligible[1], setup.SessionId))!.OfferExpiresAt);
        Assert.Null((await PlaceOfAsync(setup.Eligible[2], setup.SessionId))!.OfferExpiresAt);
    }

    [Fact]
    public async Task OfferEmail_GivesThePracticeTheTimeAndTheHold_AndNamesNoOtherMember()
    {
        var setup = await FullWithThreeWaitingAsync();
        await FreeASeatAsync(setup);

        await RunWaitlistWorkerAsync();

        var email = Assert.Single(app.Inbox.To(setup.Emails[setup.Eligible[1]]));
        var text = email.TextBody;
        Assert.Contains("A seat is held for you until", text, StringComparison.Ordinal);
        Assert.Contains("Your waitlist: https://caseload.practice.example/portal/waitlist", text, StringComparison.Ordinal);
        Assert.Contains("10:00 AM", text, StringComparison.Ordinal);
        Assert.Contains(Group.NeutralClientTitle, text, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Group.GroupName, text + email.HtmlBody + email.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Member", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Booker", text, StringComparison.Ordinal);
        foreach (var other in setup.Group.Members.Concat(setup.Eligible))
        {
            Assert.DoesNotContain(other, text + email.HtmlBody, StringComparison.Ordinal);
        }

        foreach (var address in setup.Emails.Values.Where(a => a != setup.Emails[setup.Eligible[1]]))
        {
            Assert.DoesNotContain(address, text + email.HtmlBody + email.To, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OfferEmail_IsSentOnce_HoweverOftenTheWorkerRuns()
    {
        var setup = await FullWithThreeWaitingAsync();
        await FreeASeatAsync(setup);

        await RunWaitlistWorkerAsync();
        await RunWaitlistWorkerAsync();

        Assert.Single(app.Inbox.To(setup.Emails[setup.Eligible[1]]));
        Assert.Empty(app.Inbox.To(setup.Emails[setup.Eligible[2]]));
    }

    [Fact]
    public async Task StaffWaitlist_ShowsTheLineInOrderByName_WithTheOpenOffer()
    {
        var setup = await FullWithThreeWaitingAsync();
        await FreeASeatAsync(setup);

        var waitlist = await setup.Http.WaitlistAsync(setup.SessionId);

        var entries = waitlist.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], entries.Select(e => e.GetProperty("position").GetInt32()));
        Assert.StartsWith("Tester", entries[0].Text("name"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, entries[0].GetProperty("offer").ValueKind);
        Assert.Equal(JsonValueKind.Null, entries[1].GetProperty("offer").ValueKind);
    }

    [Fact]
    public async Task StaffReorder_PutsTheLineInTheNewOrder_AndIsAudited()
    {
        var setup = await FullWithThreeWaitingAsync();
        var ids = (await setup.Http.WaitlistAsync(setup.SessionId)).GetProperty("entries").EnumerateArray().Select(e => e.Text("id")).ToList();

        var reordered = await setup.Http.PutAsJsonAsync($"/api/v1/appointments/{setup.SessionId}/waitlist", new { ids = new[] { ids[2], ids[0], ids[1] } }, Ct);

        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        Assert.Equal([setup.Eligible[3], setup.Eligible[1], setup.Eligible[2]], (await setup.Http.WaitlistAsync(setup.SessionId)).EntryClients());
        Assert.Equal(1, (await PlaceOfAsync(setup.Eligible[3], setup.SessionId))!.Position);
        using var admin = await app.AdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={setup.Eligible[3]}&action=change", Ct);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e =>
            e.Text("entityId") == setup.SessionId && e.Text("userId") == setup.Group.Clinician.UserId
            && e.GetProperty("detail").GetString()!.Contains("waitlist place 3 → 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffReorder_NotNamingEveryEntryOnce_Is400NamingIds()
    {
        var setup = await FullWithThreeWaitingAsync();
        var ids = (await setup.Http.WaitlistAsync(setup.SessionId)).GetProperty("entries").EnumerateArray().Select(e => e.Text("id")).ToList();

        var response = await setup.Http.PutAsJsonAsync($"/api/v1/appointments/{setup.SessionId}/waitlist", new { ids = new[] { ids[0], ids[0], ids[1] } }, Ct);

        await response.AssertFieldErrorAsync("ids");
    }

    [Fact]
    public async Task StaffRemove_OfTheClientHoldingTheOffer_PassesTheSeatToTheNext()
    {
        var setup = await FullWithThreeWaitingAsync();
        await FreeASeatAsync(setup);

        var removed = await setup.Http.DeleteAsync($"/api/v1/appointments/{setup.SessionId}/waitlist/{setup.Eligible[1]}", Ct);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal([setup.Eligible[2], setup.Eligible[3]], (await setup.Http.WaitlistAsync(setup.SessionId)).EntryClients());
        Assert.NotNull((await PlaceOfAsync(setup.Eligible[2], setup.SessionId))!.OfferExpiresAt);
    }

    [Fact]
    public async Task StaffWaitlist_OfAnotherCliniciansSession_Is404()
    {
        var setup = await FullWithThreeWaitingAsync();
        var other = await app.StaffAsync("Clinician");

        var response = await other.Client.GetAsync($"/api/v1/appointments/{setup.SessionId}/waitlist", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class WaitlistSqliteTests(SqliteReminderApp app) : WaitlistTests(app), IClassFixture<SqliteReminderApp>;

public sealed class WaitlistPostgresTests(PostgresReminderApp app) : WaitlistTests(app), IClassFixture<PostgresReminderApp>;
