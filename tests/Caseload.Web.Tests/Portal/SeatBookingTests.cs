using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Domain;
using Caseload.Domain.Scheduling;
using Caseload.Web.Features.Portal.Booking;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// Clients booking seats in self-booking group sessions, through the use cases the portal calls (each in a scope of
/// its own, as a request is), over the real database.
/// </summary>
public abstract class SeatBookingTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Openings_ListOnlyTheGroupsTheClientIsEligibleFor()
    {
        var mine = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);
        var other = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);

        var openings = await app.OpeningsOfAsync(mine.Eligible[0]);

        var opening = Assert.Single(openings);
        Assert.Equal(mine.GroupId, opening.GroupId);
        Assert.Equal("Group session", opening.Title);
        Assert.Equal([mine.SessionId], opening.Sessions.Select(s => s.AppointmentId));
        Assert.DoesNotContain(openings, o => o.GroupId == other.GroupId);
    }

    [Fact]
    public async Task Openings_OfAGroupWithSelfBookingOff_AreNone()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);
        var off = await setup.Http.PutAsJsonAsync($"/api/v1/groups/{setup.GroupId}",
            new { name = setup.Group.GroupName, serviceCode = "90853", selfBooking = new { enabled = false, capacity = 6 } }, Ct);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);

        Assert.Empty(await app.OpeningsOfAsync(setup.Eligible[0]));
    }

    [Theory]
    [InlineData(6, SeatState.Available)]
    [InlineData(5, SeatState.Few)]
    [InlineData(4, SeatState.Few)]
    [InlineData(3, SeatState.Full)]
    public async Task Openings_ShowSeatsAvailableFewOrFull_FromTheSeatsLeft(int seats, SeatState expected)
    {
        // Two members are invited and one eligible client has booked: 3 seats are taken.
        var setup = await app.SelfBookingGroupAsync(seats: seats, eligible: 2);
        Assert.True((await app.BookSeatAsync(setup.Eligible[0], setup.SessionId)).Succeeded);

        var session = Assert.Single(Assert.Single(await app.OpeningsOfAsync(setup.Eligible[1])).Sessions);

        Assert.Equal(expected, session.Seats);
    }

    [Fact]
    public async Task Openings_SayNothingOfWhoElseIsBookedNorHowMany()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 8, eligible: 2);
        Assert.True((await app.BookSeatAsync(setup.Eligible[0], setup.SessionId)).Succeeded);

        var openings = await app.OpeningsOfAsync(setup.Eligible[1]);

        var text = string.Join("|", openings.SelectMany(o => new[] { o.GroupId, o.Title }
            .Concat(o.Sessions.SelectMany(s => new[] { s.AppointmentId, s.Start.ToString(), s.Seats.ToString() }))));
        foreach (var other in setup.Group.Members.Append(setup.Eligible[0]))
        {
            Assert.DoesNotContain(other, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Member", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Booker", text, StringComparison.Ordinal);
        Assert.Equal(["AppointmentId", "Start", "Seats"], typeof(OpenSession).GetProperties().Select(p => p.Name));
    }

    [Fact]
    public async Task BookSeat_MakesTheClientAnInviteeWithAnInvoiceTicked()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);

        var booked = await app.BookSeatAsync(setup.Eligible[0], setup.SessionId);

        Assert.True(booked.Succeeded, booked.First?.Message);
        var appointment = await setup.Http.AppointmentAsync(setup.SessionId);
        var invitee = Assert.Single(appointment.GetProperty("invitees").EnumerateArray(), i => i.Text("clientId") == setup.Eligible[0]);
        Assert.True(invitee.GetProperty("createInvoice").GetBoolean());
        Assert.Equal("invited", invitee.Text("status"));
    }

    [Fact]
    public async Task BookSeat_PlansTheClientsRemindersPerTheirPreferences_Rule10()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 1, emailReminders: true);

        Assert.True((await app.BookSeatAsync(setup.Eligible[0], setup.SessionId)).Succeeded);

        var reminders = await setup.Http.GetFromJsonAsync<JsonElement>($"/api/v1/appointments/{setup.SessionId}/reminders", Ct);
        var mine = reminders.EnumerateArray().Where(r => r.Text("clientId") == setup.Eligible[0]).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, r => Assert.Equal(("email", "pending"), (r.Text("channel"), r.Text("status"))));
    }

    [Fact]
    public async Task BookSeat_ByAClientNotMarkedEligible_IsRefusedNotEligible()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 0);
        var stranger = await setup.Http.CreateClientAsync(setup.Group.ClinicianId);

        (await app.BookSeatAsync(stranger, setup.SessionId)).AssertRefused(RefusalCodes.NotEligible);
    }

    [Fact]
    public async Task BookSeat_WhenSelfBookingIsOff_IsRefusedSelfBookingOff()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);
        await setup.Http.PutAsJsonAsync($"/api/v1/groups/{setup.GroupId}",
            new { name = setup.Group.GroupName, serviceCode = "90853", selfBooking = new { enabled = false, capacity = 6 } }, Ct);

        (await app.BookSeatAsync(setup.Eligible[0], setup.SessionId)).AssertRefused(RefusalCodes.SelfBookingOff);
    }

    [Fact]
    public async Task BookSeat_OfACancelledSession_IsRefusedAppointmentCancelled()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);
        Assert.Equal(HttpStatusCode.OK, (await setup.Http.PostAsync($"/api/v1/appointments/{setup.SessionId}/cancel", null, Ct)).StatusCode);

        (await app.BookSeatAsync(setup.Eligible[0], setup.SessionId)).AssertRefused(RefusalCodes.AppointmentCancelled);
    }

    [Fact]
    public async Task BookSeat_OfAPastSession_IsRefusedSessionStarted()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);
        var past = (await setup.Http.BookOneAsync(setup.Group.Session(app.DaysAhead(-2)))).Id();

        (await app.BookSeatAsync(setup.Eligible[0], past)).AssertRefused(RefusalCodes.SessionStarted);
    }

    [Fact]
    public async Task BookSeat_Twice_IsRefusedAlreadyBooked()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);
        Assert.True((await app.BookSeatAsync(setup.Eligible[0], setup.SessionId)).Succeeded);

        (await app.BookSeatAsync(setup.Eligible[0], setup.SessionId)).AssertRefused(RefusalCodes.AlreadyBooked);
    }

    [Fact]
    public async Task BookSeat_WhenNoSeatIsLeft_IsRefusedFull()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 3, eligible: 2);
        await app.FillAsync(setup.SessionId, setup.Eligible.Take(1));

        (await app.BookSeatAsync(setup.Eligible[1], setup.SessionId)).AssertRefused(RefusalCodes.Full);
    }

    [Fact]
    public async Task BookSeat_TenClientsForTheLastThreeSeatsAtOnce_BooksExactlyThree_AndRefusesSevenFull()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 5, members: 2, eligible: 10);
        using var start = new SemaphoreSlim(0);
        var attempts = setup.Eligible.Select(async client =>
        {
            await start.WaitAsync(Ct);
            return await app.BookSeatAsync(client, setup.SessionId);
        }).ToList();

        start.Release(attempts.Count);
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(3, outcomes.Count(o => o.Succeeded));
        Assert.Equal(7, outcomes.Count(o => o.First?.Code == RefusalCodes.Full));
        Assert.Equal(5, (await setup.Http.AppointmentAsync(setup.SessionId)).GetProperty("invitees").GetArrayLength());
    }

    [Fact]
    public async Task RosterSync_LeavesAClientWhoBookedTheirOwnSeatOnTheSession_Rule5()
    {
        var setup = await app.SelfBookingGroupAsync(seats: 6, eligible: 1);
        Assert.True((await app.BookSeatAsync(setup.Eligible[0], setup.SessionId)).Succeeded);

        var sync = await setup.Http.PostAsync($"/api/v1/groups/{setup.GroupId}/sync-future-appointments", null, Ct);

        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        Assert.Contains(setup.Eligible[0], (await setup.Http.AppointmentAsync(setup.SessionId)).InviteeIds());
    }
}

public sealed class SeatBookingSqliteTests(SqliteApp app) : SeatBookingTests(app), IClassFixture<SqliteApp>;

public sealed class SeatBookingPostgresTests(PostgresApp app) : SeatBookingTests(app), IClassFixture<PostgresApp>;
