using Caseload.Domain.Tests.Infrastructure;

namespace Caseload.Domain.Tests.Clients;

public class DischargeTests
{
    [Fact]
    public void Discharge_AnActiveClient_RecordsTodayAndMakesThemInactive()
    {
        var client = A.Client().Build();

        var outcome = client.Discharge(A.Today);

        Assert.True(outcome.Succeeded);
        Assert.False(client.IsActive);
        Assert.Equal(A.Today, client.DischargedOn);
    }

    [Fact]
    public void Discharge_Twice_IsRefusedAsAlreadyDischargedAndKeepsTheFirstDate()
    {
        var client = A.Client().Build();
        client.Discharge(A.Today);

        var outcome = client.Discharge(A.Today.PlusDays(7));

        Assert.Equal("already-discharged", Assert.Single(outcome.Refusals).Code);
        Assert.Equal(A.Today, client.DischargedOn);
    }

    [Fact]
    public void Readmit_ADischargedClient_MakesThemActiveAgain()
    {
        var client = A.Client().Discharged().Build();

        client.Readmit();

        Assert.True(client.IsActive);
        Assert.Null(client.DischargedOn);
    }
}
