using Caseload.Domain.Clients;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>Conflict warnings (beyond the original product): double-booked clinician, client or room, a group over capacity.</summary>
public class ConflictTests
{
    private static readonly LocalDateTime At10 = ASession.NextTuesdayAt10;

    private readonly Client _alice = People.ClientOf(A.Morgan, "Alice");
    private readonly Client _bob = People.ClientOf(A.Morgan, "Bob");
    private readonly Client _rhea = People.ClientOf(A.Riley, "Rhea");

    private IReadOnlyList<Conflict> Find(Appointment proposed, params Appointment[] existing) =>
        Conflicts.Find([proposed], existing, groupCapacity: null, ClientName);

    private string ClientName(string clientId) =>
        new[] { _alice, _bob, _rhea }.Single(c => c.Id == clientId).FullName;

    [Fact]
    public void Conflicts_TheClinicianAlreadyBookedAtThatTime_WarnsClinicianDoubleBooked()
    {
        var existing = ASession.With(_alice).At(At10).SaveOne();
        var proposed = ASession.With(_bob).At(At10.PlusMinutes(30)).SaveOne();

        var conflict = Assert.Single(Find(proposed, existing));

        Assert.Equal("clinician-double-booked", conflict.Code);
        Assert.Equal(existing.Id, conflict.AppointmentId);
    }

    [Fact]
    public void Conflicts_AClientAlreadyBookedAtThatTime_WarnsClientDoubleBookedNamingThem()
    {
        var group = A.Group().With(_alice, _bob).Build();
        var existing = ASession.With(_alice).At(At10).SaveOne();
        var proposed = ASession.OfGroup(group, _alice, _bob).At(At10.PlusMinutes(15)).SaveOne();

        var conflicts = Find(proposed, existing);

        var conflict = Assert.Single(conflicts, c => c.Code == "client-double-booked");
        Assert.Equal(existing.Id, conflict.AppointmentId);
        Assert.Contains(_alice.FullName, conflict.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_bob.FullName, conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicts_AClientBookedWithAnotherClinician_WarnsOnlyClientDoubleBooked()
    {
        // Alice moved to Riley's caseload after her session with Morgan was booked.
        var existing = ASession.With(_alice).At(At10).SaveOne();
        _alice.AssignTo(A.Riley);
        var proposed = ASession.With(_alice).At(At10).SaveOne();

        var conflict = Assert.Single(Find(proposed, existing));

        Assert.Equal("client-double-booked", conflict.Code);
    }

    [Fact]
    public void Conflicts_TheSameRoomAtThatTime_WarnsRoomDoubleBookedWhateverTheCase()
    {
        var existing = ASession.With(_rhea).At(At10).In("Room 2").SaveOne();
        var proposed = ASession.With(_alice).At(At10).In("room 2").SaveOne();

        var conflict = Assert.Single(Find(proposed, existing));

        Assert.Equal("room-double-booked", conflict.Code);
        Assert.Equal(existing.Id, conflict.AppointmentId);
    }

    [Fact]
    public void Conflicts_TheSameTelehealthLinkAtThatTime_IsNotARoomAndDoesNotConflict()
    {
        var existing = ASession.With(_rhea).At(At10).In("https://meet.example/caseload").SaveOne();
        var proposed = ASession.With(_alice).At(At10).In("https://meet.example/caseload").SaveOne();

        Assert.Empty(Find(proposed, existing));
    }

    [Fact]
    public void Conflicts_AnotherClinicianWithAnotherClientInAnotherRoom_DoNotConflict()
    {
        var existing = ASession.With(_rhea).At(At10).In("Room 1").SaveOne();
        var proposed = ASession.With(_alice).At(At10).In("Room 2").SaveOne();

        Assert.Empty(Find(proposed, existing));
    }

    [Fact]
    public void Conflicts_MoreInviteesThanTheGroupsCapacity_WarnsGroupOverCapacity()
    {
        var carol = People.ClientOf(A.Morgan, "Carol");
        var group = A.Group().With(_alice, _bob, carol).Build();
        var proposed = ASession.OfGroup(group, _alice, _bob, carol).SaveOne();

        var conflict = Assert.Single(Conflicts.Find([proposed], [], groupCapacity: 2, ClientName));

        Assert.Equal("group-over-capacity", conflict.Code);
    }

    [Fact]
    public void Conflicts_InviteesUpToTheGroupsCapacity_DoNotWarn()
    {
        var group = A.Group().WithCapacity(2).With(_alice, _bob).Build();
        var proposed = ASession.OfGroup(group, _alice, _bob).SaveOne();

        Assert.Empty(Conflicts.Find([proposed], [], groupCapacity: group.Capacity, ClientName));
    }

    [Fact]
    public void Conflicts_ACancelledAppointment_DoesNotConflict()
    {
        var existing = ASession.With(_alice).At(At10).In("Room 2").SaveOne();
        Assert.True(existing.Cancel().Succeeded);
        var proposed = ASession.With(_alice).At(At10).In("Room 2").SaveOne();

        Assert.Empty(Find(proposed, existing));
    }

    [Fact]
    public void Conflicts_AnAppointmentEndingWhenTheNextStarts_DoesNotConflict()
    {
        var existing = ASession.With(_alice).At(At10).Lasting(50).In("Room 2").SaveOne();
        var proposed = ASession.With(_alice).At(At10.PlusMinutes(50)).In("Room 2").SaveOne();

        Assert.Empty(Find(proposed, existing));
    }

    [Fact]
    public void Conflicts_AnAppointmentStartingWhenTheProposedOneEnds_DoesNotConflict()
    {
        var existing = ASession.With(_alice).At(At10.PlusMinutes(50)).In("Room 2").SaveOne();
        var proposed = ASession.With(_alice).At(At10).Lasting(50).In("Room 2").SaveOne();

        Assert.Empty(Find(proposed, existing));
    }

    [Fact]
    public void Conflicts_OverlappingByOneMinute_Conflict()
    {
        var existing = ASession.With(_alice).At(At10).Lasting(50).SaveOne();
        var proposed = ASession.With(_bob).At(At10.PlusMinutes(49)).SaveOne();

        Assert.Equal("clinician-double-booked", Assert.Single(Find(proposed, existing)).Code);
    }

    [Fact]
    public void Conflicts_OfASeries_AreFoundForEachOccurrenceThatOverlaps()
    {
        var existing = ASession.With(_alice).At(At10.PlusDays(14)).SaveOne();
        var series = ASession.With(_bob).At(At10).Weekly(count: 4).Save();

        var conflict = Assert.Single(Conflicts.Find(series, [existing], groupCapacity: null, ClientName));

        Assert.Equal(existing.Id, conflict.AppointmentId);
    }
}
