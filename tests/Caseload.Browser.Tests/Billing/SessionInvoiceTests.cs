using System.Globalization;
using Caseload.Browser.Tests.Infrastructure;
using Caseload.Browser.Tests.Scheduling;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Billing;

/// <summary>Invoices of a session priced from each client's billing settings, payments, the statement and voiding (rule 9).</summary>
public sealed class SessionInvoiceTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task GroupSessionToday_InvoicesTheSelfPayClientTheFeeAndTheInsuredClientTheCopay_AndACashPaymentLeavesAStatementAtZero()
    {
        await Site.Host.AddStaffAsync("Jemima Shore", "Clinician");
        var selfPay = await Site.Host.AddClientAsync("Jemima Shore", "Odile", "Ferrand", "1986-04-12");
        var insured = await Site.Host.AddInsuredClientAsync("Jemima Shore", "Tobias", "Renwick", "1979-09-30", "Blue Harbor Health", "BHH-2208-51", 20.00m);
        await Site.Host.AddGroupAsync("Jemima Shore", "Tuesday anger management", selfPay, insured);
        var practiceFee = await Site.Host.PracticeFeeAsync("90853");
        var (fee, payerShare) = (Money(practiceFee), Money(practiceFee - 20.00m));
        await SignInAsync(await Site.Host.AddStaffAsync("Polly Counter", "Scheduler"));
        var calendar = new PracticeCalendar(Page);
        var window = calendar.Window;

        await calendar.OpenFromActionsAsync();
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Group Appointment").CheckAsync());
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Clinician", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Jemima Shore" }));
        await calendar.ReRenderWindowAsync(() => window.GetByLabel("Group", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tuesday anger management" }));
        await Expect(window.GetByTestId("invitees").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(window.GetByLabel("Create an Invoice for Odile Ferrand")).ToBeCheckedAsync();
        await Expect(window.GetByLabel("Create an Invoice for Tobias Renwick")).ToBeCheckedAsync();
        await window.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-12-01");
        await window.GetByLabel("Time", new() { Exact = true }).FillAsync("15:00");
        await Page.SaveScreenshotAsync("booked-for-today");
        await window.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(window).ToContainTextAsync("Saved 1 appointment.");
        await Expect(window).ToBeHiddenAsync();
        await calendar.OpenAsync(calendar.Event("Tuesday anger management (2)"));

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tuesday anger management (2)");
        await Expect(Page.GetByTestId("when")).ToContainTextAsync("Tuesday 1 December 2026");
        await Page.GetByTestId("invitees").GetByRole(AriaRole.Link, new() { Name = "Odile Ferrand" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Ledger and payments" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Odile Ferrand");
        var invoices = Page.GetByTestId("invoices").Locator("tbody tr");
        await Expect(invoices).ToHaveCountAsync(1);
        var number = await invoices.GetByRole(AriaRole.Link, new() { Name = "INV-" }).InnerTextAsync();
        await Expect(invoices.GetByRole(AriaRole.Cell)).ToHaveTextAsync([number, "Tue 12/01/2026 3:00 PM Tuesday anger management", "90853", "open", fee, fee, "0.00", "0.00", fee]);
        await Expect(BalanceCard()).ToHaveTextAsync(fee);
        await Page.SaveScreenshotAsync("self-pay-ledger");

        await Page.GotoAsync($"/Clients/{insured}");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Ledger and payments" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tobias Renwick");
        await Expect(Page.GetByText("Insurance: Blue Harbor Health")).ToBeVisibleAsync();
        await Expect(invoices).ToHaveCountAsync(1);
        var insuredNumber = await invoices.GetByRole(AriaRole.Link, new() { Name = "INV-" }).InnerTextAsync();
        await Expect(invoices.GetByRole(AriaRole.Cell)).ToHaveTextAsync([insuredNumber, "Tue 12/01/2026 3:00 PM Tuesday anger management", "90853", "open", fee, "20.00", payerShare, "0.00", "20.00"]);
        await Expect(BalanceCard()).ToHaveTextAsync("20.00");
        await Page.SaveScreenshotAsync("insured-ledger");
        await invoices.GetByRole(AriaRole.Link, new() { Name = "INV-" }).ClickAsync();

        await Expect(Page.GetByText($"Invoice {insuredNumber}")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Blue Harbor Health · BHH-2208-51")).ToBeVisibleAsync();
        await Expect(Page.Locator("article tbody tr").GetByRole(AriaRole.Cell)).ToHaveTextAsync(
            ["90853 Group psychotherapy (not a multiple-family group)", fee, payerShare, "20.00"]);
        await Page.SaveScreenshotAsync("insured-invoice");

        await Page.GotoAsync($"/Clients/{selfPay}/Ledger");
        await Page.GetByLabel("Amount", new() { Exact = true }).FillAsync(fee);
        await Page.GetByLabel("Method").SelectOptionAsync(new SelectOptionValue { Label = "Cash" });
        await Page.GetByLabel("Apply to").SelectOptionAsync(new SelectOptionValue { Label = $"{number} · 12/01/2026 · {fee}" });
        await Page.GetByLabel("Reference (check number, card receipt)").FillAsync("Receipt 0412");
        await Page.SaveScreenshotAsync("payment-filled-in");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Payment of {fee} recorded.");
        await Expect(invoices.GetByRole(AriaRole.Cell)).ToHaveTextAsync([number, "Tue 12/01/2026 3:00 PM Tuesday anger management", "90853", "paid", fee, fee, "0.00", fee, "0.00"]);
        await Expect(Page.GetByTestId("payments").Locator("tbody tr").GetByRole(AriaRole.Cell))
            .ToHaveTextAsync(["12/01/2026", "Cash", "Receipt 0412", fee, "0.00", ""]);
        await Expect(BalanceCard()).ToHaveTextAsync("0.00");
        await Page.SaveScreenshotAsync("paid");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Statement", Exact = true }).ClickAsync();

        var statement = Page.GetByTestId("statement");
        await Expect(Page.Locator("article")).ToContainTextAsync("Statement");
        await Expect(Page.Locator("article")).ToContainTextAsync("Odile Ferrand");
        var rows = statement.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).GetByRole(AriaRole.Cell)).ToHaveTextAsync(
            ["12/01/2026", $"{number} 90853 Group psychotherapy (not a multiple-family group)", fee, ""]);
        await Expect(rows.Nth(1).GetByRole(AriaRole.Cell)).ToHaveTextAsync(["12/01/2026", "Payment (cash)", "", fee]);
        var balanceDue = statement.Locator("tfoot tr").Filter(new() { HasText = "Balance due" });
        await Expect(balanceDue.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("0.00");
        await Page.SaveScreenshotAsync("statement");

        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Back to the ledger" })).ToBeHiddenAsync();
        await Expect(balanceDue).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("statement-printed");
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UnpaidInvoice_VoidedByABillerWithAReason_ShowsVoid_WhileTheFrontDeskIsNotOfferedVoid()
    {
        await Site.Host.AddStaffAsync("Maisie Dobbs", "Clinician");
        var client = await Site.Host.AddClientAsync("Maisie Dobbs", "Priya", "Halvorsen", "1993-02-17");
        await Site.Host.AddAppointmentAsync("Maisie Dobbs", client, "2026-12-01T11:00");
        var frontDesk = await Site.Host.AddStaffAsync("Lettice Porter", "Scheduler");
        var biller = await Site.Host.AddStaffAsync("Hilary Tamar", "Biller");
        var invoices = Page.GetByTestId("invoices").Locator("tbody tr");
        await SignInAsync(frontDesk);

        await Page.GotoAsync($"/Clients/{client}/Ledger");
        await Expect(invoices).ToHaveCountAsync(1);
        await Expect(invoices.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("open");
        var number = await invoices.GetByRole(AriaRole.Link, new() { Name = "INV-" }).InnerTextAsync();
        await invoices.GetByRole(AriaRole.Link, new() { Name = "INV-" }).ClickAsync();

        await Expect(Page.GetByText($"Invoice {number}")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Void invoice" })).ToHaveCountAsync(0);
        await Expect(Page.GetByLabel("Reason to void")).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("front-desk-sees-no-void");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);

        await SignInAsync(biller);
        await Page.GotoAsync($"/Clients/{client}/Ledger");
        await invoices.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Page.GetByLabel("Reason to void").FillAsync("Booked in error: the session was a phone check-in");
        await Page.SaveScreenshotAsync("biller-voids");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Void invoice" }).ClickAsync();

        await Expect(Page.Locator("article .badge")).ToHaveTextAsync("void");
        await Expect(Page.GetByText("Void: Booked in error: the session was a phone check-in")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Void invoice" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("voided");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Back to the ledger" }).ClickAsync();

        await Expect(invoices.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("void");
        await Expect(invoices).ToHaveCSSAsync("text-decoration-line", "line-through");
        await Expect(BalanceCard()).ToHaveTextAsync("0.00");
        await Page.SaveScreenshotAsync("ledger-shows-void");
    }

    private ILocator BalanceCard() =>
        Page.GetByTestId("balance").Locator(".card").Filter(new() { HasText = "Balance" }).Locator(".fs-4");

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
