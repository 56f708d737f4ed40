using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>
/// Rule 7's billing: the session's invoice is voided, a charge above 0.00 becomes a missed-session
/// invoice billed to the client alone, and undo is possible until a payment is taken. Sessions are
/// today at 18:00 (invoiced at save: 90853 at the practice fee, 60.00) with the clock at 10:00.
/// </summary>
public abstract class MissedBillingTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Today's session of a group with Alice, Bob and a third member made as <paramref name="client"/> says.</summary>
    private async Task<(BookedSession Session, string Client)> TodayWithAsync(Func<ClientPayload, ClientPayload> client)
    {
        var setup = await app.ClinicianWithGroupAsync();
        var member = await setup.MemberAsync(client);
        return (await setup.BookedAsync(app.StartOf(SessionDay.Today)), member);
    }

    private static ClientPayload Insured(ClientPayload client) =>
        client with { Billing = BillingPayload.Insurance("Blue Harbor Health", "BH-" + Guid.NewGuid().ToString("N")[..8], 15m) };

    [Fact]
    public async Task MarkMissed_WithAChargeOfZero_VoidsTheServiceInvoiceAndIssuesNoMissedInvoice_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        Assert.Equal("open", (await session.Http.InvoiceOfAsync(session.Id, session.Alice, "service")).Text("status"));

        var note = await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 0.00m });

        Assert.Equal("void", (await session.Http.InvoiceOfAsync(session.Id, session.Alice, "service")).Text("status"));
        Assert.DoesNotContain(await session.Http.InvoicesOfAsync(session.Id), i => i.Text("kind") == "missed");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, note.GetProperty("invoiceId").ValueKind);
    }

    [Fact]
    public async Task MarkMissed_LeavesTheOtherInviteesServiceInvoicesAlone_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);

        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 0m });

        Assert.Equal("open", (await session.Http.InvoiceOfAsync(session.Id, session.Bob, "service")).Text("status"));
    }

    [Fact]
    public async Task MarkMissed_WithAFee_IssuesAMissedInvoiceToTheClientAlone_EvenWhenInsured_Rule7()
    {
        var (session, insured) = await TodayWithAsync(Insured);
        Assert.Equal("Blue Harbor Health", (await session.Http.InvoiceOfAsync(session.Id, insured, "service")).Text("payer"));

        var note = await session.Http.MissedAsync(session.Id, insured, new { reason = "No-show", charge = 35.00m });

        var missed = await session.Http.InvoiceOfAsync(session.Id, insured, "missed");
        Assert.Equal(note.Text("invoiceId"), missed.Text("id"));
        Assert.Equal(("open", 35.00m, 35.00m, 0m), (missed.Text("status"), missed.Amount("total"), missed.Amount("clientOwes"), missed.Amount("payerOwes")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, missed.GetProperty("payer").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, missed.GetProperty("memberId").ValueKind);
        Assert.All(missed.GetProperty("lines").EnumerateArray(), l => Assert.Equal(0m, l.Amount("payerOwes")));
        Assert.Equal("void", (await session.Http.InvoiceOfAsync(session.Id, insured, "service")).Text("status"));
    }

    [Fact]
    public async Task MarkMissed_WithoutACharge_TakesTheClientsMissedSessionFee_Rule7()
    {
        var (session, client) = await TodayWithAsync(c => c with { MissedSessionFee = 45.00m });

        var note = await session.Http.MissedAsync(session.Id, client, new { reason = "No-show" });

        Assert.Equal(45.00m, note.Amount("charge"));
        Assert.Equal(45.00m, (await session.Http.InvoiceOfAsync(session.Id, client, "missed")).Amount("total"));
    }

    [Fact]
    public async Task MarkMissed_WithoutAChargeForAClientWithoutAFee_TakesThePracticesMissedSessionFee_Rule7()
    {
        await SetPracticeMissedSessionFeeAsync(30.00m);
        var session = await app.BookedAsync(SessionDay.Today);

        var note = await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show" });

        Assert.Equal(30.00m, note.Amount("charge"));
        Assert.Equal(30.00m, (await session.Http.InvoiceOfAsync(session.Id, session.Alice, "missed")).Amount("total"));
    }

    [Fact]
    public async Task MarkMissed_WithAnExplicitCharge_OverridesTheClientsFee_Rule7()
    {
        var (session, client) = await TodayWithAsync(c => c with { MissedSessionFee = 45.00m });

        var note = await session.Http.MissedAsync(session.Id, client, new { reason = "No-show", charge = 0m });

        Assert.Equal(0m, note.Amount("charge"));
        Assert.DoesNotContain(await session.Http.InvoicesOfAsync(session.Id), i => i.Text("kind") == "missed");
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-40")]
    public async Task MarkMissed_WithANegativeCharge_Is400NamingCharge_Rule7(string charge)
    {
        var session = await app.BookedAsync(SessionDay.Today);

        var response = await session.Http.MarkMissedAsync(session.Id, session.Alice,
            new { reason = "No-show", charge = decimal.Parse(charge, System.Globalization.CultureInfo.InvariantCulture) });

        await response.AssertFieldErrorAsync("charge");
        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
        Assert.Equal("open", (await session.Http.InvoiceOfAsync(session.Id, session.Alice, "service")).Text("status"));
    }

    [Fact]
    public async Task MarkMissed_WithAChargeInFractionsOfACent_Is400NamingCharge_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);

        await (await session.Http.MarkMissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 10.005m })).AssertFieldErrorAsync("charge");
    }

    [Fact]
    public async Task MarkMissed_WithAChargeThatIsNotANumber_Is400NotAServerError_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);

        var response = await session.Http.MarkMissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = "twenty" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Fact]
    public async Task MarkMissed_WithoutAReason_Is400NamingReason_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);

        await (await session.Http.MarkMissedAsync(session.Id, session.Alice, new { charge = 0m })).AssertFieldErrorAsync("reason");

        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task MarkMissed_WithABlankReason_Is400NamingReason_Rule7(string reason)
    {
        var session = await app.BookedAsync(SessionDay.Today);

        await (await session.Http.MarkMissedAsync(session.Id, session.Alice, new { reason, charge = 0m })).AssertFieldErrorAsync("reason");
    }

    [Fact]
    public async Task MarkMissed_WithAReasonOverFiveHundredCharacters_Is400NamingReason_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);

        await (await session.Http.MarkMissedAsync(session.Id, session.Alice, new { reason = new string('x', 501), charge = 0m }))
            .AssertFieldErrorAsync("reason");
    }

    [Fact]
    public async Task UndoMissed_RestoresAServiceInvoiceAndVoidsTheMissedOne_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 25.00m });

        await (await session.Http.UndoMissedAsync(session.Id, session.Alice)).AssertNoContentAsync();

        var invoices = (await session.Http.InvoicesOfAsync(session.Id)).Where(i => i.Text("clientId") == session.Alice).ToList();
        Assert.Equal("void", Assert.Single(invoices, i => i.Text("kind") == "missed").Text("status"));
        var live = Assert.Single(invoices, i => i.Text("kind") == "service" && i.Text("status") != "void");
        Assert.Equal(("open", 60.00m), (live.Text("status"), live.Amount("total")));
        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
    }

    [Fact]
    public async Task UndoMissed_AfterAPaymentOnTheMissedInvoice_Is409PaymentTaken_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        var note = await session.Http.MissedAsync(session.Id, session.Alice, new { reason = "No-show", charge = 25.00m });
        await app.PayCashAsync(note.Text("invoiceId"), 10.00m);

        await (await session.Http.UndoMissedAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.Conflict, "payment-taken");

        Assert.Equal("missed", await session.Http.StatusOfAsync(session.Id, session.Alice));
        Assert.NotEqual("void", (await session.Http.InvoiceOfAsync(session.Id, session.Alice, "missed")).Text("status"));
    }

    [Fact]
    public async Task MarkMissed_WhenTheServiceInvoiceHasAPayment_Is409PaymentTaken_Rule7()
    {
        var session = await app.BookedAsync(SessionDay.Today);
        await app.PayCashAsync((await session.Http.InvoiceOfAsync(session.Id, session.Alice, "service")).Text("id"), 60.00m);

        await (await session.Http.MarkMissedAsync(session.Id, session.Alice)).AssertProblemAsync(HttpStatusCode.Conflict, "payment-taken");

        Assert.Equal("invited", await session.Http.StatusOfAsync(session.Id, session.Alice));
        Assert.Equal("paid", (await session.Http.InvoiceOfAsync(session.Id, session.Alice, "service")).Text("status"));
    }

    [Fact]
    public async Task MarkMissed_ForAnInviteeNotInvoiced_IssuesOnlyTheMissedInvoice_Rule7()
    {
        var setup = await app.ClinicianWithGroupAsync();
        var session = await setup.Http.BookOneAsync(setup.Session(app.StartOf(SessionDay.Today)) with
        {
            Invitees = [new InviteePayload(setup.Members[0], CreateInvoice: false), new InviteePayload(setup.Members[1])],
        });

        await setup.Http.MissedAsync(session.Id(), setup.Members[0], new { reason = "No-show", charge = 20.00m });

        var invoice = Assert.Single(await setup.Http.InvoicesOfAsync(session.Id()), i => i.Text("clientId") == setup.Members[0]);
        Assert.Equal(("missed", 20.00m), (invoice.Text("kind"), invoice.Amount("total")));
    }

    private async Task SetPracticeMissedSessionFeeAsync(decimal fee)
    {
        var admin = await app.AdminAsync();
        var practice = JsonNode.Parse(await admin.GetStringAsync("/api/v1/practice", Ct))!;
        practice["missedSessionFee"] = fee;
        var response = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class MissedBillingSqliteTests(SqliteApp app) : MissedBillingTests(app), IClassFixture<SqliteApp>;

public sealed class MissedBillingPostgresTests(PostgresApp app) : MissedBillingTests(app), IClassFixture<PostgresApp>;
