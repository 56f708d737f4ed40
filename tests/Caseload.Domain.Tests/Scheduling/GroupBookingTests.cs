using Caseload.Domain.Clients;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>Rule 2: who is invited to a group appointment, and what a booking must have.</summary>
public class GroupBookingTests
{
    private readonly Client _alice = People.ClientOf(A.Morgan, "Alice");
    private readonly Client _bob = People.ClientOf(A.Morgan, "Bob");

    private static Refusal SingleRefusal(IReadOnlyList<Refusal> refusals) => Assert.Single(refusals);

    [Fact]
    public void GroupAppointment_WithoutAChoice_InvitesEveryCurrentMemberWithCreateInvoiceTicked_Rule2()
    {
        var group = A.Group().With(_alice, _bob).Build();

        var appointment = ASession.OfGroup(group, _alice, _bob).SaveOne();

        Assert.Equal(AppointmentKind.Group, appointment.Kind);
        Assert.Equal(group.Id, appointment.GroupId);
        Assert.Equal(new HashSet<string> { _alice.Id, _bob.Id }, appointment.Invitees.Select(i => i.ClientId).ToHashSet());
        Assert.All(appointment.Invitees, i => Assert.True(i.CreateInvoice));
        Assert.All(appointment.Invitees, i => Assert.Equal(InviteeStatus.Invited, i.Status));
    }

    [Fact]
    public void GroupAppointment_WithoutAChoice_LeavesOutMembersWhoHaveLeft_Rule2()
    {
        var group = A.Group().With(_alice, _bob).Build();
        Assert.True(group.RemoveMember(_bob.Id, A.Today).Succeeded);

        var appointment = ASession.OfGroup(group, _alice, _bob).SaveOne();

        Assert.Equal(_alice.Id, Assert.Single(appointment.Invitees).ClientId);
    }

    [Fact]
    public void GroupAppointment_WithAChosenSubset_InvitesOnlyThoseWithTheirInvoiceChoice_Rule2()
    {
        var group = A.Group().With(_alice, _bob).Build();

        var appointment = ASession.OfGroup(group, _alice, _bob).Inviting(new InviteeChoice(_alice.Id, CreateInvoice: false)).SaveOne();

        var invitee = Assert.Single(appointment.Invitees);
        Assert.Equal(_alice.Id, invitee.ClientId);
        Assert.False(invitee.CreateInvoice);
    }

    [Fact]
    public void GroupAppointment_InvitingAClientWhoIsNotAMember_IsRefusedOnInvitees_Rule2()
    {
        var group = A.Group().With(_alice).Build();

        var refusal = SingleRefusal(ASession.OfGroup(group, _alice).Knowing(_bob)
            .Inviting(new InviteeChoice(_alice.Id, true), new InviteeChoice(_bob.Id, true)).Refusals());

        Assert.Equal("validation-failed", refusal.Code);
        Assert.Equal("invitees", refusal.Field);
    }

    [Fact]
    public void GroupAppointment_InvitingAnotherClinicsClient_IsRefusedAsClientNotYours_Rule2()
    {
        var rileysClient = People.ClientOf(A.Riley, "Rhea");
        var group = A.Group().With(_alice).Build();

        var refusal = SingleRefusal(ASession.OfGroup(group, _alice).Knowing(rileysClient)
            .Inviting(new InviteeChoice(rileysClient.Id, true)).Refusals());

        Assert.Equal("client-not-yours", refusal.Code);
        Assert.Equal("invitees", refusal.Field);
    }

    [Fact]
    public void GroupAppointment_InvitingAnUnknownClient_IsRefusedOnInvitees_Rule2()
    {
        var group = A.Group().With(_alice).Build();

        var refusal = SingleRefusal(ASession.OfGroup(group, _alice).Inviting(new InviteeChoice("no-such-client", true)).Refusals());

        Assert.Equal("invitees", refusal.Field);
    }

    [Fact]
    public void GroupAppointment_InvitingTheSameClientTwice_IsRefusedOnInvitees_Rule2()
    {
        var group = A.Group().With(_alice).Build();

        var refusal = SingleRefusal(ASession.OfGroup(group, _alice)
            .Inviting(new InviteeChoice(_alice.Id, true), new InviteeChoice(_alice.Id, false)).Refusals());

        Assert.Equal("invitees", refusal.Field);
    }

    [Fact]
    public void GroupAppointment_ForAGroupWithNoMembers_IsRefusedOnInvitees_Rule2()
    {
        var group = A.Group().Build();

        var refusal = SingleRefusal(ASession.OfGroup(group).Refusals());

        Assert.Equal("invitees", refusal.Field);
    }

    [Fact]
    public void GroupAppointment_ForAnotherClinicsGroup_IsRefusedOnGroupId_Rule2()
    {
        var group = A.Group().With(_alice).Build();

        var refusals = ASession.OfGroup(group, _alice).By(A.Riley).Refusals();

        Assert.Contains(refusals, r => r.Field == "groupId");
        Assert.DoesNotContain(refusals, r => r.Field is not ("groupId" or "invitees"));
    }

    [Fact]
    public void GroupAppointment_ForAnArchivedGroup_IsRefusedOnGroupId_Rule2()
    {
        var group = A.Group().With(_alice).Build();
        group.Archive();

        var refusal = SingleRefusal(ASession.OfGroup(group, _alice).Refusals());

        Assert.Equal("groupId", refusal.Field);
    }

    [Fact]
    public void GroupAppointment_WithoutAGroup_IsRefusedOnGroupId_Rule2()
    {
        var request = ASession.OfGroup(A.Group().With(_alice).Build(), _alice).Request() with { Group = null };

        var (booked, outcome) = Booking.Book(request, new Dictionary<string, Client>(), ASession.NewYork, ASession.Now);

        Assert.Null(booked);
        Assert.Equal("groupId", SingleRefusal(outcome.Refusals).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(481)]
    [InlineData(1000)]
    public void Booking_OfALengthOutsideFiveMinutesToEightHours_IsRefusedOnDurationMinutes_Rule2(int minutes)
    {
        var group = A.Group().With(_alice).Build();

        var refusal = SingleRefusal(ASession.OfGroup(group, _alice).Lasting(minutes).Refusals());

        Assert.Equal("durationMinutes", refusal.Field);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(480)]
    public void Booking_OfFiveMinutesOrEightHours_IsAccepted_Rule2(int minutes)
    {
        var group = A.Group().With(_alice).Build();

        var appointment = ASession.OfGroup(group, _alice).Lasting(minutes).SaveOne();

        Assert.Equal(minutes, appointment.DurationMinutes);
        Assert.Equal(Duration.FromMinutes(minutes), appointment.EndsAt - appointment.StartsAt);
    }

    [Fact]
    public void Booking_KeepsTheSlotAsBookedInThePracticeZone()
    {
        var group = A.Group().With(_alice).Build();

        var appointment = ASession.OfGroup(group, _alice).In(" Room 2 ").SaveOne();

        Assert.Equal(ASession.NextTuesdayAt10, appointment.Start);
        Assert.Equal(new LocalDate(2026, 12, 8), appointment.Date);
        Assert.Equal(Instant.FromUtc(2026, 12, 8, 15, 0), appointment.StartsAt);
        Assert.Equal(Instant.FromUtc(2026, 12, 8, 15, 50), appointment.EndsAt);
        Assert.Equal("Room 2", appointment.Location);
        Assert.Equal(AppointmentStatus.Scheduled, appointment.Status);
        Assert.Equal(ASession.Now, appointment.SavedAt);
        Assert.Equal("90853", appointment.ServiceCode);
    }

    [Fact]
    public void IndividualAppointment_InvitesItsClientAsTheSingleInvitee()
    {
        var appointment = ASession.With(_alice).SaveOne();

        Assert.Equal(AppointmentKind.Individual, appointment.Kind);
        Assert.Null(appointment.GroupId);
        var invitee = Assert.Single(appointment.Invitees);
        Assert.Equal(_alice.Id, invitee.ClientId);
        Assert.True(invitee.CreateInvoice);
    }

    [Fact]
    public void IndividualAppointment_ForAnotherClinicsClient_IsRefusedAsClientNotYours()
    {
        var refusal = SingleRefusal(ASession.With(_alice).By(A.Riley).Refusals());

        Assert.Equal("client-not-yours", refusal.Code);
        Assert.Equal("clientId", refusal.Field);
    }

    [Fact]
    public void IndividualAppointment_ForADischargedClient_IsRefusedOnClientId()
    {
        var discharged = A.Client().Of(A.Morgan).Discharged().Build();

        var refusal = SingleRefusal(ASession.With(discharged).Refusals());

        Assert.Equal("clientId", refusal.Field);
    }
}
