using System.Net;
using System.Net.Http.Json;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// Two real instances on one PostgreSQL database; one is killed (SIGKILL) while it is inside the transaction of a
/// write: a 52-week group series, a payment, the invoice worker's run. The test holds the table that write comes to
/// last (<see cref="TableHold"/>), so the kill lands after the transaction has written the other tables and before
/// it commits. Afterwards nothing of it is in the database, and the other instance does it whole, once.
/// </summary>
[Collection(nameof(OneFaultAtATime))]
public sealed class InstanceDeathTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private readonly FaultApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Connection => _app.Database.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        _ = _app.Services;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AnInstanceKilledWhileBookingA52WeekGroupSeries_LeavesNoneOfIt_AndTheOtherBooksItWhole()
    {
        _app.ClockAtMachineTime();
        var setup = await _app.RemindedGroupAsync((true, false), (true, true), (false, true));
        var series = setup.Session(RemindersApi.At(_app, days: 7)) with { Recurrence = RecurrencePayload.Weekly(52) };
        await using var instances = await TwoInstances.StartAsync(Connection, Ct);
        using var onA = await instances.A.SignInAsync(setup.Clinician.Email, Ct);

        // The booking writes the series, its appointments, invitees and history, then its reminders: it is caught before those.
        HttpResponseMessage? answered = null;
        await using (var hold = await TableHold.TakeAsync(Connection, "Reminders", Ct))
        {
            var booking = onA.PostAsJsonAsync("/api/v1/appointments", series, Ct);
            var caught = await TableHold.WaitForWriterAsync(Connection, Within, Ct);
            Assert.Equal(instances.A.Name, caught);
            Assert.True(await AppointmentsOfAsync(setup.ClinicianId) == 0, "the booking's rows are not visible before it commits");
            instances.A.Kill();
            await hold.ReleaseAsync();
            try
            {
                answered = await booking;
            }
            catch (HttpRequestException)
            {
                // The connection went down with the instance: the client cannot know whether it was booked.
            }
        }

        await Sql.WaitSessionsGoneAsync(Connection, instances.A.Name, Within, Ct);
        Assert.Null(answered);
        Assert.Equal(0, await AppointmentsOfAsync(setup.ClinicianId));
        Assert.Equal(0, await Sql.CountAsync(Connection, """SELECT count(*) FROM "Series" """, Ct));
        Assert.Equal(0, await RemindersOfAsync(setup.ClinicianId));

        using var onB = await instances.B.SignInAsync(setup.Clinician.Email, Ct);
        var again = await onB.PostAsJsonAsync("/api/v1/appointments", series, Ct);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(52, await AppointmentsOfAsync(setup.ClinicianId));
        Assert.Equal(52 * 3, await Sql.CountAsync(Connection, """
            SELECT count(*) FROM "Invitee" i JOIN "Appointments" a ON a."Id" = i."AppointmentId" WHERE a."ClinicianId" = $1
            """, Ct, setup.ClinicianId));
        Assert.Equal(1, await Sql.CountAsync(Connection, """SELECT count(*) FROM "Series" """, Ct));
        Assert.Equal(52, await Sql.CountAsync(Connection, """SELECT count(*) FROM "Appointments" WHERE "SeriesId" IS NOT NULL""", Ct));
        Assert.True(await RemindersOfAsync(setup.ClinicianId) > 0);
    }

    [Fact]
    public async Task AnInstanceKilledWhileTakingAPayment_RecordsNoneOfIt_AndThePaymentTakenOnTheOtherIsRecordedOnce()
    {
        _app.ClockAtMachineTime();
        var client = await _app.BilledClientAsync(BillingPayload.SelfPay());
        var appointment = await client.Http.BookOneAsync(client.Session(BillingApi.At(_app, 0, 9)));
        var invoice = await client.Http.OnlyInvoiceAsync(appointment.Id());
        var biller = await _app.StaffAsync("Biller");
        await using var instances = await TwoInstances.StartAsync(Connection, Ct);
        using var onA = await instances.A.SignInAsync(biller.Email, Ct);

        // The payment's save writes the payment and the invoice, then how the payment is spread over invoices: caught before that.
        HttpResponseMessage? answered = null;
        await using (var hold = await TableHold.TakeAsync(Connection, "Allocation", Ct))
        {
            var paying = onA.PayAsync(invoice.Text("id"), 60.00m);
            Assert.Equal(instances.A.Name, await TableHold.WaitForWriterAsync(Connection, Within, Ct));
            instances.A.Kill();
            await hold.ReleaseAsync();
            try
            {
                answered = await paying;
            }
            catch (HttpRequestException)
            {
                // Gone with the instance.
            }
        }

        await Sql.WaitSessionsGoneAsync(Connection, instances.A.Name, Within, Ct);
        Assert.Null(answered);
        Assert.Equal(0, await PaymentsOfAsync(client.ClientId));
        using var onB = await instances.B.SignInAsync(biller.Email, Ct);
        var unpaid = await onB.InvoiceAsync(invoice.Text("id"));
        Assert.Equal(("open", 60.00m), (unpaid.Text("status"), unpaid.Money("balance")));

        var paid = await onB.PayAsync(invoice.Text("id"), 60.00m);
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal(1, await PaymentsOfAsync(client.ClientId));
        var settled = await onB.InvoiceAsync(invoice.Text("id"));
        Assert.Equal(("paid", 0m), (settled.Text("status"), settled.Money("balance")));
        var ledger = await onB.LedgerAsync(client.ClientId);
        Assert.Equal((0m, 0m), (ledger.Money("owed"), ledger.Money("credit")));
    }

    [Fact]
    public async Task AnInstanceKilledDuringTheInvoiceWorkersRun_IssuesNoneOfItsBatch_AndTheOtherIssuesEachInvoiceOnce_Rule9()
    {
        // Booked the day before today, for today: the invoices fall due on the instances' clock, not at booking.
        _app.ClockAtMachineTime(days: -1);
        var setup = await _app.BilledGroupAsync(BillingPayload.SelfPay(), BillingApi.Insured(copay: 20m), BillingPayload.SelfPay(rate: 40m));
        var appointments = new List<string>();
        foreach (var hour in new[] { 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 })
        {
            appointments.Add((await setup.Http.BookOneAsync(setup.Session(BillingApi.At(_app, 1, hour)))).Id());
        }

        Assert.Equal(0, await InvoicesAsync(appointments));
        var expected = appointments.Count * setup.Members.Count;

        // The run saves its batch's invoices, then their lines: caught before the lines.
        await using (var hold = await TableHold.TakeAsync(Connection, "InvoiceLine", Ct))
        {
            await using var instances = await TwoInstances.StartAsync(Connection, Ct);
            var running = instances.Named(await TableHold.WaitForWriterAsync(Connection, Within, Ct));
            running.Kill();
            await hold.ReleaseAsync();
            await Sql.WaitSessionsGoneAsync(Connection, running.Name, Within, Ct);

            // The lease of the dead instance runs out after two runs; the other takes it and issues everything.
            await Sql.EventuallyAsync(async () => await InvoicesAsync(appointments) == expected, Within,
                $"{expected} invoices issued by {instances.Other(running).Name}", Ct);
            Assert.False(instances.Other(running).HasExited);
        }

        Assert.Equal(expected, await Sql.CountAsync(Connection, """
            SELECT count(DISTINCT ("AppointmentId", "ClientId")) FROM "Invoices" WHERE "AppointmentId" = ANY($1) AND "Status" <> 'Void'
            """, Ct, (object)appointments.ToArray()));
        Assert.Equal(0, await Sql.CountAsync(Connection, """
            SELECT count(*) FROM "Invoices" v WHERE v."AppointmentId" = ANY($1) AND NOT EXISTS (SELECT 1 FROM "InvoiceLine" l WHERE l."InvoiceId" = v."Id")
            """, Ct, (object)appointments.ToArray()));
        var admin = await _app.AdminAsync();
        var listed = (await admin.InvoicesAsync()).Where(i => appointments.Contains(i.Text("appointmentId"))).ToList();
        Assert.Equal(expected, listed.Count);
    }

    private Task<long> AppointmentsOfAsync(string clinicianId) =>
        Sql.CountAsync(Connection, """SELECT count(*) FROM "Appointments" WHERE "ClinicianId" = $1""", Ct, clinicianId);

    private Task<long> RemindersOfAsync(string clinicianId) =>
        Sql.CountAsync(Connection, """
            SELECT count(*) FROM "Reminders" r JOIN "Appointments" a ON a."Id" = r."AppointmentId" WHERE a."ClinicianId" = $1
            """, Ct, clinicianId);

    private Task<long> PaymentsOfAsync(string clientId) =>
        Sql.CountAsync(Connection, """SELECT count(*) FROM "Payments" WHERE "ClientId" = $1""", Ct, clientId);

    private Task<long> InvoicesAsync(List<string> appointments) =>
        Sql.CountAsync(Connection, """SELECT count(*) FROM "Invoices" WHERE "AppointmentId" = ANY($1)""", Ct, (object)appointments.ToArray());
}
