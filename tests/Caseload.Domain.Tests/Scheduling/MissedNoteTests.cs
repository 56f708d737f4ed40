using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>Rule 7: the Missed Appointment Note (reason, charge, author, time), undoing it, and marking attendance.</summary>
public class MissedNoteTests
{
    private const string Author = "Dr Morgan";

    private readonly SessionOn _today = SessionOn.Booked(Day.Today, Kind.Single);

    private Appointment Appointment => _today.Appointment;

    private string Alice => _today.Alice.Id;

    private Invitee AliceInvitee => Appointment.Invitees.Single(i => i.ClientId == Alice);

    [Fact]
    public void MarkMissed_RecordsTheTrimmedReasonTheChargeTheAuthorAndTheTime_Rule7()
    {
        Appointment.MarkMissed(Alice, "  Car broke down  ", 40.00m, Author, A.Today, ASession.Now);

        Assert.Equal("Car broke down", AliceInvitee.MissedReason);
        Assert.Equal(40.00m, AliceInvitee.MissedCharge);
        Assert.Equal(Author, AliceInvitee.MissedBy);
        Assert.Equal(ASession.Now, AliceInvitee.MissedAt);
        Assert.Equal(2, Appointment.Version);
    }

    [Fact]
    public void MarkMissed_WithAChargeOfZero_IsAllowedAsNoCharge_Rule7()
    {
        var outcome = Appointment.MarkMissed(Alice, "Unwell", 0.00m, Author, A.Today, ASession.Now);

        Assert.True(outcome.Succeeded);
        Assert.Equal(0m, AliceInvitee.MissedCharge);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MarkMissed_WithoutAReason_IsRefusedNamingReason_Rule7(string? reason)
    {
        var refusal = Assert.Single(Appointment.MarkMissed(Alice, reason, 0m, Author, A.Today, ASession.Now).Refusals);

        Assert.Equal(("validation-failed", "reason"), (refusal.Code, refusal.Field));
        Assert.Equal(InviteeStatus.Invited, AliceInvitee.Status);
    }

    [Fact]
    public void MarkMissed_WithAReasonOverFiveHundredCharacters_IsRefusedNamingReason_Rule7()
    {
        var refusal = Assert.Single(Appointment.MarkMissed(Alice, new string('x', 501), 0m, Author, A.Today, ASession.Now).Refusals);

        Assert.Equal("reason", refusal.Field);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-25")]
    public void MarkMissed_WithANegativeCharge_IsRefusedNamingCharge_Rule7(string charge)
    {
        var refusal = Assert.Single(Appointment.MarkMissed(Alice, "Unwell", decimal.Parse(charge, System.Globalization.CultureInfo.InvariantCulture),
            Author, A.Today, ASession.Now).Refusals);

        Assert.Equal(("validation-failed", "charge"), (refusal.Code, refusal.Field));
        Assert.Equal(InviteeStatus.Invited, AliceInvitee.Status);
    }

    [Fact]
    public void MarkMissed_WithFractionsOfACent_IsRefusedNamingCharge_Rule7()
    {
        var refusal = Assert.Single(Appointment.MarkMissed(Alice, "Unwell", 10.005m, Author, A.Today, ASession.Now).Refusals);

        Assert.Equal("charge", refusal.Field);
    }

    [Fact]
    public void MarkMissed_WithNoReasonAndANegativeCharge_NamesBothFields_Rule7()
    {
        var outcome = Appointment.MarkMissed(Alice, " ", -5m, Author, A.Today, ASession.Now);

        Assert.Equal(["charge", "reason"], outcome.Refusals.Select(r => r.Field).Order());
        Assert.Equal(1, Appointment.Version);
    }

    [Fact]
    public void MarkMissed_Twice_IsRefusedAsAlreadyMissed_Rule7()
    {
        Appointment.MarkMissed(Alice, "Unwell", 0m, Author, A.Today, ASession.Now);

        var outcome = Appointment.MarkMissed(Alice, "Again", 10m, Author, A.Today, ASession.Now);

        Assert.Equal("already-missed", Assert.Single(outcome.Refusals).Code);
        Assert.Equal("Unwell", AliceInvitee.MissedReason);
    }

    [Fact]
    public void MarkMissed_ForAClientNotInvited_IsRefusedAsNotInvited_Rule7()
    {
        var outcome = Appointment.MarkMissed("someone-else", "Unwell", 0m, Author, A.Today, ASession.Now);

        Assert.Equal("not-invited", Assert.Single(outcome.Refusals).Code);
    }

    [Fact]
    public void UndoMissed_PutsTheClientBackToInvitedAndClearsTheNote_Rule7()
    {
        Appointment.MarkMissed(Alice, "Unwell", 25m, Author, A.Today, ASession.Now);

        Assert.True(Appointment.UndoMissed(Alice).Succeeded);

        Assert.Equal(InviteeStatus.Invited, AliceInvitee.Status);
        Assert.Null(AliceInvitee.MissedReason);
        Assert.Null(AliceInvitee.MissedCharge);
        Assert.Null(AliceInvitee.MissedBy);
        Assert.Null(AliceInvitee.MissedAt);
    }

    [Fact]
    public void UndoMissed_OfAClientNotMarkedMissed_IsRefusedAsNotMissed_Rule7()
    {
        Assert.Equal("not-missed", Assert.Single(Appointment.UndoMissed(Alice).Refusals).Code);
    }

    [Fact]
    public void MarkAttended_OnTheSessionsDay_RecordsAttendance()
    {
        Assert.True(Appointment.MarkAttended(Alice, attended: true, A.Today).Succeeded);

        Assert.Equal(InviteeStatus.Attended, AliceInvitee.Status);
    }

    [Fact]
    public void MarkAttended_Unticked_PutsTheClientBackToInvited()
    {
        Appointment.MarkAttended(Alice, attended: true, A.Today);

        Appointment.MarkAttended(Alice, attended: false, A.Today);

        Assert.Equal(InviteeStatus.Invited, AliceInvitee.Status);
    }

    [Fact]
    public void MarkAttended_BeforeTheSessionsDay_IsRefused()
    {
        var tomorrow = SessionOn.Booked(Day.Tomorrow, Kind.Single);

        var outcome = tomorrow.Appointment.MarkAttended(tomorrow.Alice.Id, attended: true, A.Today);

        Assert.Equal("not-yet-attendable", Assert.Single(outcome.Refusals).Code);
    }

    [Fact]
    public void MarkAttended_OfAClientMarkedMissed_IsRefusedUntilTheMissedMarkIsUndone_Rule7()
    {
        Appointment.MarkMissed(Alice, "Unwell", 0m, Author, A.Today, ASession.Now);

        var outcome = Appointment.MarkAttended(Alice, attended: true, A.Today);

        Assert.Equal("already-missed", Assert.Single(outcome.Refusals).Code);
        Assert.Equal(InviteeStatus.Missed, AliceInvitee.Status);
    }

    [Fact]
    public void MissedSessionInvoice_OfAnInsuredClient_IsBilledToTheClientAloneAndNeverToThePayer_Rule7()
    {
        var insured = A.Client().Build();
        Assert.True(insured.ChangeBilling(BillingSettings.Insurance("Blue Harbor Health", "XKJ-1234", 20m), missedSessionFee: 35m).Succeeded);
        var session = new BilledSession(Appointment.Id, insured.Id, A.Today, "90853", "Group psychotherapy", 60m, false);

        var invoice = Invoice.ForMissedSession(session, 35m, A.Today);

        Assert.Equal(InvoiceKind.Missed, invoice.Kind);
        Assert.Equal((35m, 35m, 0m), (invoice.Total, invoice.ClientOwes, invoice.PayerOwes));
        Assert.Null(invoice.Payer);
        Assert.Null(invoice.MemberId);
        Assert.All(invoice.Lines, l => Assert.Equal(0m, l.PayerOwes));
    }

    [Fact]
    public void MarkMissed_OfAnIndividualAppointmentsClient_WorksTheSameWayAsForAGroup_Rule7()
    {
        var client = People.ClientOf(A.Morgan, "Casey");
        var individual = ASession.With(client).At(new LocalDateTime(2026, 12, 1, 16, 0)).SaveOne();

        Assert.True(individual.MarkMissed(client.Id, "Forgot", 0m, Author, A.Today, ASession.Now).Succeeded);

        Assert.Equal(InviteeStatus.Missed, Assert.Single(individual.Invitees).Status);
    }

    [Fact]
    public void RemoveInvitee_OfAnIndividualAppointmentsOnlyClient_IsRefusedCancelInstead_Rule6()
    {
        var client = People.ClientOf(A.Morgan, "Casey");
        var individual = ASession.With(client).SaveOne();

        var outcome = individual.RemoveInvitee(client.Id, A.Today);

        Assert.Equal("only-invitee", Assert.Single(outcome.Refusals).Code);
        Assert.Single(individual.Invitees);
    }

    [Fact]
    public void RemoveInvitee_OfAClientNotInvited_IsRefusedAsNotInvited_Rule6()
    {
        var tomorrow = SessionOn.Booked(Day.Tomorrow, Kind.Single);

        Assert.Equal("not-invited", Assert.Single(tomorrow.Appointment.RemoveInvitee("someone-else", A.Today).Refusals).Code);
    }
}
