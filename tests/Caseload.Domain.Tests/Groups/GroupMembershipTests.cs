using Caseload.Domain.Groups;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Groups;

public class GroupMembershipTests
{
    private static string RefusalCode(Outcome outcome) => Assert.Single(outcome.Refusals).Code;

    [Fact]
    public void AddMember_ClientOfTheSameClinician_JoinsToday()
    {
        var group = A.Group().Of(A.Morgan).Build();
        var client = A.Client().Of(A.Morgan).Build();

        var outcome = group.AddMember(client, A.Today);

        Assert.True(outcome.Succeeded);
        var stay = Assert.Single(group.CurrentMembers);
        Assert.Equal(client.Id, stay.ClientId);
        Assert.Equal(A.Today, stay.JoinedOn);
        Assert.Null(stay.LeftOn);
    }

    [Fact]
    public void AddMember_ClientOfAnotherClinician_IsRefusedAsClientNotYours_Rule1()
    {
        var group = A.Group().Of(A.Morgan).Build();
        var rileysClient = A.Client().Of(A.Riley).Build();

        var outcome = group.AddMember(rileysClient, A.Today);

        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal("client-not-yours", refusal.Code);
        Assert.Equal("clientId", refusal.Field);
        Assert.Empty(group.Memberships);
    }

    [Fact]
    public void AddMember_ToAnArchivedGroup_IsRefusedAsGroupArchived()
    {
        var group = A.Group().Build();
        group.Archive();

        Assert.Equal("group-archived", RefusalCode(group.AddMember(A.Client().Build(), A.Today)));
    }

    [Fact]
    public void AddMember_ToARestoredGroup_IsAllowedAgain()
    {
        var group = A.Group().Build();
        group.Archive();
        group.Restore();

        Assert.True(group.AddMember(A.Client().Build(), A.Today).Succeeded);
    }

    [Fact]
    public void AddMember_DischargedClient_IsRefusedAsClientDischarged()
    {
        var group = A.Group().Build();

        Assert.Equal("client-discharged", RefusalCode(group.AddMember(A.Client().Discharged().Build(), A.Today)));
    }

    [Fact]
    public void AddMember_CurrentMemberAgain_IsRefusedAsAlreadyMember()
    {
        var ada = A.Client().Build();
        var group = A.Group().With(ada).Build();

        Assert.Equal("already-member", RefusalCode(group.AddMember(ada, A.Today.PlusDays(3))));
        Assert.Single(group.Memberships);
    }

    [Fact]
    public void AddMember_WhenTheGroupIsAtCapacity_IsRefusedAsGroupFull()
    {
        var group = A.Group().WithCapacity(2).With(A.Client().Build(), A.Client().Build()).Build();

        Assert.Equal("group-full", RefusalCode(group.AddMember(A.Client().Build(), A.Today)));
        Assert.Equal(2, group.CurrentMembers.Count());
    }

    [Fact]
    public void AddMember_UpToCapacity_IsAllowed()
    {
        var group = A.Group().WithCapacity(2).With(A.Client().Build()).Build();

        Assert.True(group.AddMember(A.Client().Build(), A.Today).Succeeded);
    }

    [Fact]
    public void AddMember_AfterSomeoneLeftAFullGroup_IsAllowed()
    {
        var leaving = A.Client().Build();
        var group = A.Group().WithCapacity(2).With(leaving, A.Client().Build()).Build();
        group.RemoveMember(leaving.Id, A.Today);

        Assert.True(group.AddMember(A.Client().Build(), A.Today).Succeeded);
    }

    [Fact]
    public void RemoveMember_KeepsTheStayInHistoryWithItsLeftDate()
    {
        var ada = A.Client().Build();
        var group = A.Group().With(ada).Build();
        var leftOn = A.Today.PlusDays(14);

        var outcome = group.RemoveMember(ada.Id, leftOn);

        Assert.True(outcome.Succeeded);
        Assert.Empty(group.CurrentMembers);
        var stay = Assert.Single(group.Memberships);
        Assert.Equal(ada.Id, stay.ClientId);
        Assert.Equal(A.Today, stay.JoinedOn);
        Assert.Equal(leftOn, stay.LeftOn);
    }

    [Fact]
    public void RemoveMember_WhoIsNotAMember_IsRefusedAsNotAMember()
    {
        var group = A.Group().With(A.Client().Build()).Build();

        Assert.Equal("not-a-member", RefusalCode(group.RemoveMember("someone-else", A.Today)));
    }

    [Fact]
    public void RemoveMember_Twice_IsRefusedAndKeepsTheFirstLeftDate()
    {
        var ada = A.Client().Build();
        var group = A.Group().With(ada).Build();
        group.RemoveMember(ada.Id, A.Today);

        Assert.Equal("not-a-member", RefusalCode(group.RemoveMember(ada.Id, A.Today.PlusDays(1))));
        Assert.Equal(A.Today, Assert.Single(group.Memberships).LeftOn);
    }

    [Fact]
    public void AddMember_AfterLeaving_OpensANewStay()
    {
        var ada = A.Client().Build();
        var group = A.Group().With(ada).Build();
        group.RemoveMember(ada.Id, A.Today.PlusDays(7));

        var outcome = group.AddMember(ada, A.Today.PlusDays(30));

        Assert.True(outcome.Succeeded);
        Assert.Collection(group.Memberships.OrderBy(m => m.JoinedOn),
            first =>
            {
                Assert.Equal(A.Today, first.JoinedOn);
                Assert.Equal(A.Today.PlusDays(7), first.LeftOn);
            },
            second =>
            {
                Assert.Equal(A.Today.PlusDays(30), second.JoinedOn);
                Assert.Null(second.LeftOn);
            });
        Assert.Equal(ada.Id, Assert.Single(group.CurrentMembers).ClientId);
    }
}
