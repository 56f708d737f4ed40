using Caseload.Domain.Clients;
using Caseload.Domain.Tests.Infrastructure;
using NodaTime;

namespace Caseload.Domain.Tests.Clients;

public class ClientValidationTests
{
    private static Refusal SingleRefusal((Client? Client, Outcome Outcome) created)
    {
        Assert.Null(created.Client);
        return Assert.Single(created.Outcome.Refusals);
    }

    private static void AssertRefusedOn(string field, ClientDetails details)
    {
        var refusal = SingleRefusal(Client.Create(A.Morgan, details, A.Today));
        Assert.Equal("validation-failed", refusal.Code);
        Assert.Equal(field, refusal.Field);
    }

    [Fact]
    public void Create_WithValidDetails_PutsTheClientOnThatClinicsCaseloadAsActive()
    {
        var (client, outcome) = Client.Create(A.Morgan, A.ValidDetails(), A.Today);

        Assert.True(outcome.Succeeded);
        Assert.Equal(A.Morgan, client!.ClinicianId);
        Assert.Equal("Ada Lovelace", client.FullName);
        Assert.True(client.IsActive);
        Assert.Null(client.DischargedOn);
    }

    [Fact]
    public void Create_TrimsNamesAndFoldsTheSearchNameToLowerCase()
    {
        var (client, _) = Client.Create(A.Morgan, A.ValidDetails() with { FirstName = "  Zoë ", LastName = " McAllister  " }, A.Today);

        Assert.Equal("Zoë", client!.FirstName);
        Assert.Equal("McAllister", client.LastName);
        Assert.Equal("zoë mcallister", client.SearchName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutAFirstName_IsRefusedOnFirstName(string firstName) =>
        AssertRefusedOn("firstName", A.ValidDetails() with { FirstName = firstName });

    [Fact]
    public void Create_WithAFirstNameOver100Characters_IsRefusedOnFirstName() =>
        AssertRefusedOn("firstName", A.ValidDetails() with { FirstName = new string('a', 101) });

    [Fact]
    public void Create_WithAFirstNameOfExactly100Characters_IsAccepted() =>
        Assert.True(Client.Create(A.Morgan, A.ValidDetails() with { FirstName = new string('a', 100) }, A.Today).Outcome.Succeeded);

    [Fact]
    public void Create_WithoutALastName_IsRefusedOnLastName() =>
        AssertRefusedOn("lastName", A.ValidDetails() with { LastName = "" });

    [Fact]
    public void Create_WithoutADateOfBirth_IsRefusedOnDateOfBirth() =>
        AssertRefusedOn("dateOfBirth", A.ValidDetails() with { DateOfBirth = null });

    [Fact]
    public void Create_WithADateOfBirthInTheFuture_IsRefusedOnDateOfBirth() =>
        AssertRefusedOn("dateOfBirth", A.ValidDetails() with { DateOfBirth = A.Today.PlusDays(1) });

    [Fact]
    public void Create_WithADateOfBirthOfToday_IsAccepted() =>
        Assert.True(Client.Create(A.Morgan, A.ValidDetails() with { DateOfBirth = A.Today }, A.Today).Outcome.Succeeded);

    [Fact]
    public void Create_WithADateOfBirthBefore1900_IsRefusedOnDateOfBirth() =>
        AssertRefusedOn("dateOfBirth", A.ValidDetails() with { DateOfBirth = new LocalDate(1899, 12, 31) });

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("ada@")]
    [InlineData("Ada <ada@example.com>")]
    public void Create_WithAMalformedEmail_IsRefusedOnEmail(string email) =>
        AssertRefusedOn("email", A.ValidDetails() with { Email = email });

    [Fact]
    public void Create_WithEmailRemindersButNoEmail_IsRefusedOnEmail() =>
        AssertRefusedOn("email", A.ValidDetails() with { Email = "  ", Reminders = new ReminderPreferences(Email: true, Text: false) });

    [Fact]
    public void Create_WithTextRemindersButNoMobile_IsRefusedOnMobile() =>
        AssertRefusedOn("mobile", A.ValidDetails() with { Mobile = null, Reminders = new ReminderPreferences(Email: false, Text: true) });

    [Fact]
    public void Create_WithoutEmailOrMobileAndNoReminders_IsAccepted()
    {
        var (client, outcome) = Client.Create(A.Morgan, A.ValidDetails() with { Email = " ", Mobile = "" }, A.Today);

        Assert.True(outcome.Succeeded);
        Assert.Null(client!.Email);
        Assert.Null(client.Mobile);
    }

    [Theory]
    [InlineData("555-0100")]
    [InlineData("1234567890123456")]
    [InlineData("555 010 2040 ext 4")]
    [InlineData("1+555 010 2040")]
    public void Create_WithAMobileThatIsNotAPhoneNumber_IsRefusedOnMobile(string mobile) =>
        AssertRefusedOn("mobile", A.ValidDetails() with { Mobile = mobile });

    [Theory]
    [InlineData("+1 555 010 2040")]
    [InlineData("(555) 010-2040")]
    [InlineData("555.010.2040")]
    public void Create_WithAUsualWayOfWritingAMobile_IsAccepted(string mobile) =>
        Assert.True(Client.Create(A.Morgan, A.ValidDetails() with { Mobile = mobile }, A.Today).Outcome.Succeeded);

    [Fact]
    public void Create_WithInsuranceButNoPayer_IsRefusedOnBillingPayer() =>
        AssertRefusedOn("billing.payer", A.ValidDetails() with
        {
            Billing = new BillingSettings(BillingMode.Insurance, null, " ", "XKJ-1234", 20m),
        });

    [Fact]
    public void Create_WithInsuranceButNoMemberId_IsRefusedOnBillingMemberId() =>
        AssertRefusedOn("billing.memberId", A.ValidDetails() with
        {
            Billing = new BillingSettings(BillingMode.Insurance, null, "Blue Harbor Health", null, 20m),
        });

    [Fact]
    public void Create_WithInsuranceButNoCopay_IsRefusedOnBillingCopay() =>
        AssertRefusedOn("billing.copay", A.ValidDetails() with
        {
            Billing = new BillingSettings(BillingMode.Insurance, null, "Blue Harbor Health", "XKJ-1234", null),
        });

    [Fact]
    public void Create_WithInsuranceAndANegativeCopay_IsRefusedOnBillingCopay() =>
        AssertRefusedOn("billing.copay", A.ValidDetails() with { Billing = BillingSettings.Insurance("Blue Harbor Health", "XKJ-1234", -5m) });

    [Fact]
    public void Create_WithInsuranceMissingEverything_NamesPayerMemberIdAndCopay()
    {
        var (_, outcome) = Client.Create(A.Morgan, A.ValidDetails() with
        {
            Billing = new BillingSettings(BillingMode.Insurance, null, null, null, null),
        }, A.Today);

        Assert.Equal(["billing.payer", "billing.memberId", "billing.copay"], outcome.Refusals.Select(r => r.Field));
    }

    [Fact]
    public void Create_WithANegativeSlidingScaleRate_IsRefusedOnBillingRate() =>
        AssertRefusedOn("billing.rate", A.ValidDetails() with { Billing = BillingSettings.SelfPay(-1m) });

    [Fact]
    public void Create_WithANegativeMissedSessionFee_IsRefusedOnMissedSessionFee() =>
        AssertRefusedOn("missedSessionFee", A.ValidDetails() with { MissedSessionFee = -0.01m });

    [Fact]
    public void Create_WithSeveralBadFields_NamesEachOfThem()
    {
        var (client, outcome) = Client.Create(A.Morgan, A.ValidDetails() with { FirstName = "", Email = "nope", DateOfBirth = null }, A.Today);

        Assert.Null(client);
        Assert.Equal(["firstName", "dateOfBirth", "email"], outcome.Refusals.Select(r => r.Field));
    }

    [Fact]
    public void Update_WithBadDetails_LeavesTheClientAsItWas()
    {
        var client = A.Client().Named("Ada", "Lovelace").Build();

        var outcome = client.Update(A.ValidDetails() with { FirstName = "Augusta", Email = "broken" }, A.Today);

        Assert.False(outcome.Succeeded);
        Assert.Equal("Ada", client.FirstName);
        Assert.Equal("ada@example.com", client.Email);
    }

    [Fact]
    public void Update_WithGoodDetails_ReplacesThemAndTheSearchName()
    {
        var client = A.Client().Named("Ada", "Lovelace").Build();

        var outcome = client.Update(A.ValidDetails() with { FirstName = "Augusta", LastName = "King" }, A.Today);

        Assert.True(outcome.Succeeded);
        Assert.Equal("Augusta King", client.FullName);
        Assert.Equal("augusta king", client.SearchName);
    }
}
