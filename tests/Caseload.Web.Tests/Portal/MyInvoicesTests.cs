using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Web.Features.Portal.Sessions;
using Caseload.Web.Tests.Scheduling;
using NodaTime;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// A client's own invoices and statement in the portal: theirs alone, described without clinical detail. A past group
/// session of three issues each member a service invoice at save (rule 9), at the practice fee for 90853.
/// </summary>
public abstract class MyInvoicesTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Outcome<List<MyInvoice>>> InvoicesOfAsync(string clientId) =>
        app.AsClientAsync<MyInvoices, Outcome<List<MyInvoice>>>(i => i.HandleAsync(clientId, Ct));

    private Task<Outcome<MyStatementView>> StatementAsync(string clientId, LocalDate? from, LocalDate? to) =>
        app.AsClientAsync<MyStatement, Outcome<MyStatementView>>(s => s.HandleAsync(new MyStatementQuery(clientId, from, to), Ct));

    [Fact]
    public async Task MyInvoices_AreOnlyTheClientsOwn()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(-7));
        await scene.IndividualSessionAsync(scene.Bob, app.At(-6));

        var invoices = (await InvoicesOfAsync(scene.Alice.Id)).Value;

        var alices = await scene.Http.InvoiceOfAsync(session, scene.Alice.Id, "service");
        var invoice = Assert.Single(invoices);
        Assert.Equal(alices.Text("id"), invoice.Id);
        Assert.Equal((alices.Amount("clientOwes"), 0m, alices.Amount("clientOwes"), InvoiceStatus.Open),
            (invoice.Amount, invoice.Paid, invoice.Balance, invoice.Status));
    }

    [Fact]
    public async Task MyInvoices_DescribeTheSessionByItsClientTitle_WithoutServiceCodeOrInternalGroupName()
    {
        var scene = await app.PortalSceneAsync();
        await scene.GroupSessionAsync(app.At(-7));
        await scene.IndividualSessionAsync(scene.Alice, app.At(-6));

        var descriptions = (await InvoicesOfAsync(scene.Alice.Id)).Value.Select(i => i.Description).ToList();

        Assert.Equal(["Individual session", scene.ClientTitle], descriptions);
        Assert.All(descriptions, d => Assert.DoesNotContain("908", d, StringComparison.Ordinal));
        Assert.All(descriptions, d => Assert.DoesNotContain(scene.InternalName, d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MyInvoices_ShowWhatTheClientPaidAndStillOwes()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(-7));
        var invoice = await scene.Http.InvoiceOfAsync(session, scene.Alice.Id, "service");
        await app.PayCashAsync(invoice.Text("id"), 20.00m);

        var mine = Assert.Single((await InvoicesOfAsync(scene.Alice.Id)).Value);

        Assert.Equal((20.00m, invoice.Amount("clientOwes") - 20.00m), (mine.Paid, mine.Balance));
    }

    [Fact]
    public async Task MyStatement_ListsThePeriodsChargesAndPayments_WithTheOpeningAndClosingBalance()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(-7));
        var invoice = await scene.Http.InvoiceOfAsync(session, scene.Alice.Id, "service");
        await app.PayCashAsync(invoice.Text("id"), 20.00m);
        var fee = invoice.Amount("clientOwes");

        var statement = (await StatementAsync(scene.Alice.Id, app.Today().PlusDays(-30), app.Today())).Value;

        Assert.Equal(0m, statement.OpeningBalance);
        (decimal? Charge, decimal? Payment)[] expected = [(fee, null), (null, 20.00m)];
        Assert.Equal(expected, statement.Lines.Select(l => (l.Charge, l.Payment)));
        Assert.Equal(fee - 20.00m, statement.ClosingBalance);
        Assert.Equal($"{scene.Alice.FirstName} {scene.Alice.LastName}", statement.ClientName);
    }

    [Fact]
    public async Task MyStatement_OfALaterPeriod_OpensWithWhatWasOwedBefore()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(-7));
        var fee = (await scene.Http.InvoiceOfAsync(session, scene.Alice.Id, "service")).Amount("clientOwes");

        var statement = (await StatementAsync(scene.Alice.Id, app.Today().PlusDays(1), app.Today().PlusDays(10))).Value;

        Assert.Equal((fee, fee), (statement.OpeningBalance, statement.ClosingBalance));
        Assert.Empty(statement.Lines);
    }

    [Fact]
    public async Task MyStatement_HoldsNoOtherClientsInvoice()
    {
        var scene = await app.PortalSceneAsync();
        var session = await scene.GroupSessionAsync(app.At(-7));
        var bobs = (await scene.Http.InvoiceOfAsync(session, scene.Bob.Id, "service")).Text("id");

        var statement = (await StatementAsync(scene.Alice.Id, null, null)).Value;

        var line = Assert.Single(statement.Lines);
        Assert.DoesNotContain(Caseload.Web.Features.Billing.InvoiceView.NumberOf(bobs), line.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyStatement_EndingBeforeItStarts_IsRefusedNamingFrom()
    {
        var scene = await app.PortalSceneAsync();

        var refusal = (await StatementAsync(scene.Alice.Id, app.Today(), app.Today().PlusDays(-1))).First;

        Assert.Equal((RefusalCodes.ValidationFailed, "from"), (refusal?.Code, refusal?.Field));
    }
}

public sealed class MyInvoicesSqliteTests(SqliteApp app) : MyInvoicesTests(app), IClassFixture<SqliteApp>;

public sealed class MyInvoicesPostgresTests(PostgresApp app) : MyInvoicesTests(app), IClassFixture<PostgresApp>;
