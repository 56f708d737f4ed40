using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using static Caseload.Web.Tests.Billing.BillingApi;

namespace Caseload.Web.Tests.Billing;

/// <summary>
/// Rule 9 at save: sessions dated today or earlier are invoiced when booked, one invoice per ticked
/// invitee, priced from that client's settings (test clock: 2026-12-01 10:00, New York; it never moves here).
/// </summary>
public abstract class InvoiceIssuingTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Book_AGroupSessionToday_IssuesExactlyOneInvoicePerTickedInviteePricedFromTheirSettings_Rule9()
    {
        var memberId = UniqueMemberId();
        var setup = await app.BilledGroupAsync(
            BillingPayload.SelfPay(), BillingPayload.Insurance(Payer, memberId, 25.00m), BillingPayload.SelfPay());
        var (selfPay, insured, unticked) = (setup.Members[0], setup.Members[1], setup.Members[2]);

        var appointment = await setup.Http.BookOneAsync(setup.Session(app.At(0, hour: 9),
            new InviteePayload(selfPay), new InviteePayload(insured), new InviteePayload(unticked, CreateInvoice: false)));

        var admin = await app.AdminAsync();
        var invoices = await admin.InvoicesAsync(appointmentId: appointment.Id());
        Assert.Equal(2, invoices.Length);
        Assert.Equal(SchedulingApi.Sorted(selfPay, insured), SchedulingApi.Sorted([.. invoices.Select(i => i.Text("clientId"))]));

        var own = invoices.Single(i => i.Text("clientId") == selfPay);
        Assert.Equal("service", own.Text("kind"));
        Assert.Equal("open", own.Text("status"));
        Assert.Equal(appointment.Id(), own.Text("appointmentId"));
        Assert.Equal((60.00m, 60.00m, 0m), (own.Money("total"), own.Money("clientOwes"), own.Money("payerOwes")));
        Assert.Equal(JsonValueKind.Null, own.GetProperty("payer").ValueKind);

        var claim = invoices.Single(i => i.Text("clientId") == insured);
        Assert.Equal((60.00m, 25.00m, 35.00m), (claim.Money("total"), claim.Money("clientOwes"), claim.Money("payerOwes")));
        Assert.Equal(Payer, claim.Text("payer"));
        Assert.Equal(memberId, claim.Text("memberId"));
        var line = Assert.Single(claim.GetProperty("lines").EnumerateArray());
        Assert.Equal("90853", line.Text("serviceCode"));
        Assert.Equal((60.00m, 25.00m, 35.00m), (line.Money("fee"), line.Money("clientOwes"), line.Money("payerOwes")));

        Assert.Empty(await admin.InvoicesAsync(clientId: unticked));
    }

    [Fact]
    public async Task Book_AGroupSessionToday_PricesASlidingScaleMemberAtTheirRate_Rule9()
    {
        var setup = await app.BilledGroupAsync(BillingPayload.SelfPay(rate: 35.00m));

        var appointment = await setup.Http.BookOneAsync(setup.Session(app.At(0, hour: 8)));

        var invoice = await setup.Http.OnlyInvoiceAsync(appointment.Id());
        Assert.Equal((35.00m, 35.00m, 0m), (invoice.Money("total"), invoice.Money("clientOwes"), invoice.Money("payerOwes")));
    }

    [Fact]
    public async Task Book_ASessionForAnInsuredClientWhoseCopayIsAboveTheFee_ClientOwesTheFeeAndPayerNothing_Rule9()
    {
        var client = await app.BilledClientAsync(Insured(copay: 75.00m));

        var appointment = await client.Http.BookOneAsync(client.Session(app.At(0, hour: 8)));

        var invoice = await client.Http.OnlyInvoiceAsync(appointment.Id());
        Assert.Equal((60.00m, 60.00m, 0m), (invoice.Money("total"), invoice.Money("clientOwes"), invoice.Money("payerOwes")));
    }

    [Fact]
    public async Task Book_ASessionInThePast_IsInvoicedAtSaveForTheDayItWasHeld_Rule9()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());

        var appointment = await client.Http.BookOneAsync(client.Session(app.At(-3, hour: 14)));

        var invoice = await client.Http.OnlyInvoiceAsync(appointment.Id());
        Assert.Equal(client.ClientId, invoice.Text("clientId"));
        Assert.Equal(app.Day(-3), invoice.Text("serviceDate"));
        Assert.Equal(app.Day(0), invoice.Text("issuedOn"));
        Assert.Equal(60.00m, invoice.Money("clientOwes"));
    }

    [Fact]
    public async Task Book_ASessionForTomorrow_IssuesNoInvoiceAtSave_Rule9()
    {
        var setup = await app.BilledGroupAsync(BillingPayload.SelfPay(), Insured(copay: 20m));

        var appointment = await setup.Http.BookOneAsync(setup.Session(app.At(1, hour: 10)));

        Assert.Empty(await setup.Http.InvoicesAsync(appointmentId: appointment.Id()));
    }

    [Fact]
    public async Task Book_ATelehealthSessionToday_IsInvoicedWithPlaceOfService02()
    {
        var client = await app.BilledClientAsync(Insured(copay: 20m));

        var appointment = await client.Http.BookOneAsync(client.Session(app.At(0, hour: 7), location: "https://meet.example.com/ada"));

        Assert.Equal("02", (await client.Http.OnlyInvoiceAsync(appointment.Id())).Text("placeOfService"));
    }

    [Fact]
    public async Task IssueAgain_AfterASessionTodayWasInvoicedAtSave_NeverMakesASecondInvoice_Rule9()
    {
        var setup = await app.BilledGroupAsync(BillingPayload.SelfPay(), Insured(copay: 20m), BillingPayload.SelfPay());
        var appointment = await setup.Http.BookOneAsync(setup.Session(app.At(0, hour: 9)));

        await app.RunInvoiceWorkerAsync();
        await app.RunInvoiceWorkerAsync();
        var concurrent = await AllAtOnceAsync(() => app.Services.IssueDueInvoicesAsync(), () => app.Services.IssueDueInvoicesAsync());

        var invoices = await setup.Http.InvoicesAsync(appointmentId: appointment.Id());
        Assert.Equal(SchedulingApi.Sorted([.. setup.Members]), SchedulingApi.Sorted([.. invoices.Select(i => i.Text("clientId"))]));
        Assert.Equal([0, 0], concurrent);
    }

    [Fact]
    public async Task Book_AWeeklySeriesStartingLastWeek_InvoicesOnlyTheOccurrencesWhoseDayHasCome_Rule9()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());

        var booking = await client.Http.BookAsync(client.Session(app.At(-7, hour: 8)) with { Recurrence = RecurrencePayload.Weekly(count: 3) });

        var occurrences = booking.Appointments();
        Assert.Equal(3, occurrences.Length);
        var invoiced = (await client.Http.InvoicesAsync(clientId: client.ClientId)).Select(i => i.Text("appointmentId")).ToArray();
        Assert.Equal(SchedulingApi.Sorted(occurrences[0].Id(), occurrences[1].Id()), SchedulingApi.Sorted(invoiced));
    }

    [Fact]
    public async Task Move_AFutureSessionToLastWeek_InvoicesItAtSaveForTheDayItWasHeld_Rule9()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(2, hour: 10)));

        var moved = await client.Http.PatchAsJsonAsync($"/api/v1/appointments/{appointment.Id()}", new { start = app.At(-7, hour: 10), scope = "this" }, Ct);

        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync(Ct));
        var invoice = await client.Http.OnlyInvoiceAsync(appointment.Id());
        Assert.Equal((app.Day(-7), 60.00m), (invoice.Text("serviceDate"), invoice.Money("clientOwes")));
    }

    [Fact]
    public async Task MarkMissed_WithACharge_VoidsTheServiceInvoiceAndBillsTheChargeToTheInsuredClientAlone_Rule7()
    {
        var client = await app.BilledClientAsync(Insured(copay: 20m));
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(0, hour: 8)));
        var service = await client.Http.OnlyInvoiceAsync(appointment.Id());

        var marked = await client.Http.PostAsJsonAsync($"/api/v1/appointments/{appointment.Id()}/invitees/{client.ClientId}/missed",
            new { reason = "No show", charge = 45.50m }, Ct);

        Assert.True(marked.IsSuccessStatusCode, await marked.Content.ReadAsStringAsync(Ct));
        var invoices = await client.Http.InvoicesAsync(appointmentId: appointment.Id());
        Assert.Equal("void", invoices.Single(i => i.Text("id") == service.Text("id")).Text("status"));
        var charge = Assert.Single(invoices, i => i.Text("kind") == "missed");
        Assert.Equal("open", charge.Text("status"));
        Assert.Equal((45.50m, 45.50m, 0m), (charge.Money("total"), charge.Money("clientOwes"), charge.Money("payerOwes")));
        Assert.Equal(JsonValueKind.Null, charge.GetProperty("payer").ValueKind);
        Assert.Equal(JsonValueKind.Null, charge.GetProperty("memberId").ValueKind);
        Assert.All(charge.GetProperty("lines").EnumerateArray(), l => Assert.Equal(0m, l.Money("payerOwes")));
    }

    [Fact]
    public async Task IssueAgain_AfterTheClientWasMarkedMissed_NeverBringsTheServiceInvoiceBack_Rule9()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        var appointment = await client.Http.BookOneAsync(client.Session(app.At(0, hour: 7)));
        var marked = await client.Http.PostAsJsonAsync($"/api/v1/appointments/{appointment.Id()}/invitees/{client.ClientId}/missed",
            new { reason = "No show", charge = 0.00m }, Ct);
        Assert.True(marked.IsSuccessStatusCode, await marked.Content.ReadAsStringAsync(Ct));

        await app.RunInvoiceWorkerAsync();
        await app.Services.IssueDueInvoicesAsync();

        var invoice = Assert.Single(await client.Http.InvoicesAsync(appointmentId: appointment.Id()));
        Assert.Equal(("service", "void"), (invoice.Text("kind"), invoice.Text("status")));
    }
}

public sealed class InvoiceIssuingSqliteTests(SqliteApp app) : InvoiceIssuingTests(app), IClassFixture<SqliteApp>;

public sealed class InvoiceIssuingPostgresTests(PostgresApp app) : InvoiceIssuingTests(app), IClassFixture<PostgresApp>;
