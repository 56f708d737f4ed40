using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using static Caseload.Web.Tests.Billing.BillingApi;

namespace Caseload.Web.Tests.Billing;

/// <summary>
/// Another app instance on the database of an app already running, as behind a load balancer: same
/// database, its own clock and its own background worker.
/// </summary>
public sealed class SecondInstance(TestDatabase database) : CaseloadApp(database, ownsDatabase: false)
{
    /// <summary>Starts a second instance on <paramref name="first"/>'s database, its clock at the same instant.</summary>
    public static SecondInstance Beside(CaseloadApp first)
    {
        var second = new SecondInstance(first.Database);
        second.Time.SetUtcNow(first.Time.GetUtcNow());
        _ = second.Services;
        return second;
    }
}

/// <summary>Rule 9, "never twice, however many app instances run": two instances issuing at the same moment.</summary>
public abstract class TwoInstanceInvoiceTests(CaseloadApp app)
{
    [Fact]
    public async Task TwoInstances_IssuingTheSameDueSessionsAtOnce_IssueOneInvoicePerAppointmentAndClient_Rule9()
    {
        var setup = await app.BilledGroupAsync(
            BillingPayload.SelfPay(), Insured(copay: 20m), BillingPayload.SelfPay(rate: 40m), Insured(copay: 5m));
        var appointments = new List<string>();
        foreach (var hour in new[] { 8, 10, 12, 14, 16 })
        {
            appointments.Add((await setup.Http.BookOneAsync(setup.Session(app.At(1, hour)))).Id());
        }

        // Both instances' own workers stand aside (a third holds the lease), so the issuers below race each other.
        await app.HoldInvoiceLeaseElsewhereAsync(TimeSpan.FromDays(2));
        await using var second = SecondInstance.Beside(app);
        int[] issued;
        try
        {
            app.Time.Advance(TimeSpan.FromDays(1));
            second.Time.Advance(TimeSpan.FromDays(1));
            issued = await AllAtOnceAsync(
                () => app.Services.IssueDueInvoicesAsync(), () => second.Services.IssueDueInvoicesAsync(),
                () => app.Services.IssueDueInvoicesAsync(), () => second.Services.IssueDueInvoicesAsync());
        }
        finally
        {
            await app.ReleaseInvoiceLeaseAsync();
        }

        var admin = await app.AdminAsync();
        var invoices = (await admin.InvoicesAsync()).Where(i => appointments.Contains(i.Text("appointmentId"))).ToList();
        var expected = appointments.SelectMany(a => setup.Members.Select(c => (a, c))).Order().ToList();
        Assert.Equal(expected, invoices.Select(i => (i.Text("appointmentId"), i.Text("clientId"))).Order().ToList());
        Assert.Equal(expected.Count, issued.Sum());
    }

    [Fact]
    public async Task TwoInstances_RunningTheirWorkersAgainAndAgain_NeverIssueASecondInvoice_Rule9()
    {
        var client = await app.BilledClientAsync(Insured(copay: 20m));
        var appointment = (await client.Http.BookOneAsync(client.Session(app.At(1, hour: 9)))).Id();

        app.Time.Advance(TimeSpan.FromDays(1));
        await using var second = SecondInstance.Beside(app);
        for (var round = 0; round < 3; round++)
        {
            await AllAtOnceAsync(
                () => app.RunInvoiceWorkerAsync(), () => second.RunInvoiceWorkerAsync(),
                () => app.Services.IssueDueInvoicesAsync(), () => second.Services.IssueDueInvoicesAsync());
        }

        var admin = await second.AdminAsync();
        var invoice = Assert.Single(await admin.InvoicesAsync(appointmentId: appointment));
        Assert.Equal(client.ClientId, invoice.Text("clientId"));
    }
}

public sealed class TwoInstanceInvoiceSqliteTests(SqliteApp app) : TwoInstanceInvoiceTests(app), IClassFixture<SqliteApp>;

public sealed class TwoInstanceInvoicePostgresTests(PostgresApp app) : TwoInstanceInvoiceTests(app), IClassFixture<PostgresApp>;
