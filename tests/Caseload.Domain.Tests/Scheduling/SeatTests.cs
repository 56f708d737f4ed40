using Caseload.Domain;
using Caseload.Domain.Scheduling;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>How a self-booking session's seats stand, and how its waitlist moves: never a count shown, never a seat given twice.</summary>
public sealed class SeatTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 15, 0);

    private static readonly Instant Held = Now + Duration.FromHours(24);

    private static List<WaitlistEntry> Line(int waiting) =>
        [.. Enumerable.Range(1, waiting).Select(i => WaitlistEntry.Join("session", $"client{i}", i, Now + Duration.FromMinutes(i)))];

    [Theory]
    [InlineData(8, 5, SeatState.Available)]
    [InlineData(8, 6, SeatState.Few)]
    [InlineData(8, 7, SeatState.Few)]
    [InlineData(8, 8, SeatState.Full)]
    [InlineData(8, 9, SeatState.Full)]
    public void Seats_AreAvailableFewOrFull_ByTheSeatsLeft(int capacity, int invitees, SeatState expected) =>
        Assert.Equal(expected, new Seats(capacity, invitees, 0, 0).State);

    [Fact]
    public void Seats_HeldByAnOffer_CountAsTaken() =>
        Assert.Equal(SeatState.Full, new Seats(8, 7, 1, 0).State);

    [Fact]
    public void Seats_NobodyHolds_GoToTheWaitingBeforeAnyoneElse()
    {
        var seats = new Seats(8, 7, 0, 2);

        Assert.Equal((SeatState.Full, 1), (seats.State, seats.ToOffer));
    }

    [Fact]
    public void Offer_OfOneFreedSeat_GoesToTheFirstInLineOnly()
    {
        var line = Line(3);

        var offered = Waitlist.Offer(line, new Seats(8, 7, 0, 3), Now, Held);

        Assert.Equal(["client1"], offered.Select(e => e.ClientId));
        Assert.Equal(new Instant?[] { Held, null, null }, line.Select(e => e.OfferExpiresAt));
    }

    [Fact]
    public void Offer_WhileTheFirstHoldsTheOnlySeat_GoesToNoOneElse()
    {
        var line = Line(3);
        Waitlist.Offer(line, new Seats(8, 7, 0, 3), Now, Held);

        var again = Waitlist.Offer(line, new Seats(8, 7, 1, 2), Now, Held);

        Assert.Empty(again);
    }

    [Fact]
    public void Offer_ThatWouldEndBeforeItIsMade_IsNotMade() =>
        Assert.Empty(Waitlist.Offer(Line(2), new Seats(8, 7, 0, 2), Now, Now));

    [Fact]
    public void Reorder_NamingAnEntryTwice_IsRefusedNamingIds()
    {
        var line = Line(3);

        var outcome = Waitlist.Reorder(line, [line[0].Id, line[0].Id, line[1].Id]);

        Assert.Equal(("ids", RefusalCodes.ValidationFailed), (outcome.First?.Field, outcome.First?.Code));
    }

    [Fact]
    public void Reorder_PutsTheLineInTheGivenOrder()
    {
        var line = Line(3);

        Assert.True(Waitlist.Reorder(line, [line[2].Id, line[0].Id, line[1].Id]).Succeeded);

        Assert.Equal([1, 2, 3], new[] { line[2], line[0], line[1] }.Select(e => Waitlist.RankOf(line, e.Id)));
    }
}
