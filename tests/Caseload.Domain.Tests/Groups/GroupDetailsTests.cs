using Caseload.Domain.Groups;
using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Groups;

public class GroupDetailsTests
{
    [Fact]
    public void Create_BelongsToTheClinicianAndStartsEmptyAndActive()
    {
        var (group, outcome) = Group.Create(A.Morgan, "  Tuesday anxiety group ", "90853", 8);

        Assert.True(outcome.Succeeded);
        Assert.Equal(A.Morgan, group!.ClinicianId);
        Assert.Equal("Tuesday anxiety group", group.Name);
        Assert.Equal("90853", group.ServiceCode);
        Assert.Equal(8, group.Capacity);
        Assert.False(group.IsArchived);
        Assert.Empty(group.Memberships);
    }

    [Fact]
    public void Create_WithoutCapacity_HasNoLimit()
    {
        var (group, _) = Group.Create(A.Morgan, "Open group", "90853", null);

        Assert.Null(group!.Capacity);
    }

    [Fact]
    public void Create_WithAClientTitle_KeepsItTrimmed_ForClientsToSeeInsteadOfTheName()
    {
        var (group, _) = Group.Create(A.Morgan, "DBT skills — court-ordered", "90853", null, "  Tuesday evening group ");

        Assert.Equal("Tuesday evening group", group!.ClientTitle);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Create_WithoutAClientTitle_HasNone_SoClientsSeeTheNeutralTitle(string? title)
    {
        var (group, _) = Group.Create(A.Morgan, "DBT skills — court-ordered", "90853", null, title);

        Assert.Null(group!.ClientTitle);
        Assert.Equal("Group session", Group.NeutralClientTitle);
    }

    [Fact]
    public void Create_WithAClientTitleOver100Characters_IsRefusedOnClientTitle()
    {
        var (group, outcome) = Group.Create(A.Morgan, "Tuesday anxiety group", "90853", null, new string('t', 101));

        Assert.Null(group);
        Assert.Equal("clientTitle", Assert.Single(outcome.Refusals).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(101)]
    public void Create_WithACapacityOutside2To100_IsRefusedOnCapacity(int capacity)
    {
        var (group, outcome) = Group.Create(A.Morgan, "Tuesday anxiety group", "90853", capacity);

        Assert.Null(group);
        Assert.Equal("capacity", Assert.Single(outcome.Refusals).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutAName_IsRefusedOnName(string name)
    {
        var (group, outcome) = Group.Create(A.Morgan, name, "90853", null);

        Assert.Null(group);
        Assert.Equal("name", Assert.Single(outcome.Refusals).Field);
    }

    [Fact]
    public void Create_WithANameOver120Characters_IsRefusedOnName() =>
        Assert.Equal("name", Assert.Single(Group.Create(A.Morgan, new string('g', 121), "90853", null).Outcome.Refusals).Field);

    [Fact]
    public void Create_WithoutAServiceCode_IsRefusedOnServiceCode() =>
        Assert.Equal("serviceCode", Assert.Single(Group.Create(A.Morgan, "Tuesday anxiety group", " ", null).Outcome.Refusals).Field);

    [Fact]
    public void Change_CapacityBelowTheCurrentMembers_IsRefusedOnCapacityAndKeepsTheOldOne()
    {
        var group = A.Group().WithCapacity(5).With(A.Client().Build(), A.Client().Build(), A.Client().Build()).Build();

        var outcome = group.Change("Tuesday anxiety group", "90853", 2);

        Assert.Equal("capacity", Assert.Single(outcome.Refusals).Field);
        Assert.Equal(5, group.Capacity);
    }

    [Fact]
    public void Change_CapacityToExactlyTheCurrentMembers_IsAllowed()
    {
        var group = A.Group().WithCapacity(5).With(A.Client().Build(), A.Client().Build()).Build();

        Assert.True(group.Change("Tuesday anxiety group", "90853", 2).Succeeded);
        Assert.Equal(2, group.Capacity);
    }

    [Fact]
    public void Change_CapacityIgnoresMembersWhoLeft()
    {
        var leaving = A.Client().Build();
        var group = A.Group().With(leaving, A.Client().Build(), A.Client().Build()).Build();
        group.RemoveMember(leaving.Id, A.Today);

        Assert.True(group.Change("Tuesday anxiety group", "90853", 2).Succeeded);
    }

    [Fact]
    public void Change_NameAndServiceCode_ReplacesThem()
    {
        var group = A.Group().Build();

        group.Change(" Family skills ", "90847", null);

        Assert.Equal("Family skills", group.Name);
        Assert.Equal("90847", group.ServiceCode);
        Assert.Null(group.Capacity);
    }

    [Fact]
    public void Archive_ThenRestore_TogglesIsArchived()
    {
        var group = A.Group().Build();

        group.Archive();
        Assert.True(group.IsArchived);
        group.Restore();
        Assert.False(group.IsArchived);
    }
}
