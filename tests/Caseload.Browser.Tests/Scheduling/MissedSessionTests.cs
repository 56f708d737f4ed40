using System.Globalization;
using System.Text.RegularExpressions;
using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Scheduling;

/// <summary>The Missed Appointment Note: the session's invoice is voided, a charge is billed to the client alone (rule 7).</summary>
public sealed class MissedSessionTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task MarkMissed_WithNoCharge_VoidsTheSessionInvoice_AndWithAFee_BillsAMissedSessionInvoiceToTheClientAlone()
    {
        var email = await Site.Host.AddStaffAsync("Hercule Poirot", "Clinician");
        var ines = await Site.Host.AddClientAsync("Hercule Poirot", "Ines", "Cardoso", "1990-03-21");
        var walter = await Site.Host.AddInsuredClientAsync("Hercule Poirot", "Walter", "Okonjo", "1968-11-11", "Cedar Mutual", "CM-55120-3", 15.00m);
        var zoe = await Site.Host.AddClientAsync("Hercule Poirot", "Zoe", "Lindgren", "2000-07-30");
        var group = await Site.Host.AddGroupAsync("Hercule Poirot", "Tuesday social anxiety group", ines, walter, zoe);
        var session = await Site.Host.AddGroupAppointmentAsync("Hercule Poirot", group, "2026-12-01T11:00");
        var fee = (await Site.Host.PracticeFeeAsync("90853")).ToString("0.00", CultureInfo.InvariantCulture);
        await SignInAsync(email);
        await Page.GotoAsync($"/Appointments/{session}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Missed: Ines Cardoso" }).ClickAsync();
        var note = Page.Locator($"#missed-{ines}");
        await Expect(note).ToContainTextAsync("Missed Appointment Note · Ines Cardoso");
        await note.GetByLabel("Reason").FillAsync("Called in sick at 9:00");
        await note.GetByLabel("Charge (0.00 for none)").FillAsync("0.00");
        await Page.SaveScreenshotAsync("note-with-no-charge");
        await note.GetByRole(AriaRole.Button, new() { Name = "Save missed note" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Marked missed, with no charge.");
        var inesRow = Page.Locator("tr[data-client='Ines Cardoso']");
        await Expect(inesRow.Locator(".badge")).ToHaveTextAsync("missed");
        await Expect(inesRow.GetByTestId("invoice-status")).ToHaveTextAsync("voided");
        await Expect(inesRow).ToContainTextAsync("Called in sick at 9:00 · charge 0.00 · Hercule Poirot");
        await Expect(inesRow.GetByRole(AriaRole.Button, new() { Name = "Undo missed for Ines Cardoso" })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Missed: Walter Okonjo" }).ClickAsync();
        note = Page.Locator($"#missed-{walter}");
        await note.GetByLabel("Reason").FillAsync("No-show, no call");
        await note.GetByLabel("Charge (0.00 for none)").FillAsync("40.00");
        await Page.SaveScreenshotAsync("note-with-a-fee");
        await note.GetByRole(AriaRole.Button, new() { Name = "Save missed note" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Marked missed; a missed-session invoice of 40.00 was issued.");
        var walterRow = Page.Locator("tr[data-client='Walter Okonjo']");
        await Expect(walterRow.Locator(".badge")).ToHaveTextAsync("missed");
        await Expect(walterRow).ToContainTextAsync("No-show, no call · charge 40.00 · Hercule Poirot");
        await Expect(Page.Locator("tr[data-client='Zoe Lindgren'] .badge")).ToHaveTextAsync("invited");
        var history = Page.GetByTestId("history");
        await Expect(history).ToContainTextAsync("Marked Ines Cardoso missed: Called in sick at 9:00 (charge 0.00).");
        await Expect(history).ToContainTextAsync("Marked Walter Okonjo missed: No-show, no call (charge 40.00).");
        await Page.SaveScreenshotAsync("two-missed");

        var invoices = Page.GetByTestId("invoices").Locator("tbody tr");
        await inesRow.GetByRole(AriaRole.Link, new() { Name = "Ines Cardoso" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Ledger and payments" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ines Cardoso");
        await Expect(invoices).ToHaveCountAsync(1);
        await Expect(invoices.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("90853");
        await Expect(invoices.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("void");
        await Expect(invoices.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync(fee);
        await Expect(Page.GetByTestId("invoices")).Not.ToContainTextAsync("Missed session");
        await Expect(BalanceCard()).ToHaveTextAsync("0.00");
        await Page.SaveScreenshotAsync("no-charge-ledger");
        await invoices.GetByRole(AriaRole.Link, new() { Name = "INV-" }).ClickAsync();

        await Expect(Page.Locator("article .badge")).ToHaveTextAsync("void");
        await Expect(Page.GetByText("Void: The client missed the session.")).ToBeVisibleAsync();

        await Page.GotoAsync($"/Clients/{walter}/Ledger");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Walter Okonjo");
        await Expect(invoices).ToHaveCountAsync(2);
        var missed = invoices.Filter(new() { HasText = "Missed session" });
        var missedNumber = await missed.GetByRole(AriaRole.Link, new() { Name = "INV-" }).InnerTextAsync();
        await Expect(missed.GetByRole(AriaRole.Cell)).ToHaveTextAsync([missedNumber, "Tue 12/01/2026 11:00 AM Tuesday social anxiety group", "Missed session", "open", "40.00", "40.00", "0.00", "0.00", "40.00"]);
        await Expect(invoices.Filter(new() { HasText = "90853" }).GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("void");
        await Expect(BalanceCard()).ToHaveTextAsync("40.00");
        await Page.SaveScreenshotAsync("missed-fee-ledger");
        await missed.GetByRole(AriaRole.Link, new() { Name = "INV-" }).ClickAsync();

        await Expect(Page.GetByText($"Invoice {missedNumber}")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Insurance", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(Page.GetByText("Cedar Mutual")).ToHaveCountAsync(0);
        var line = Page.Locator("article tbody tr").GetByRole(AriaRole.Cell);
        await Expect(line.Nth(2)).ToHaveTextAsync("0.00");
        await Expect(line.Nth(3)).ToHaveTextAsync("40.00");
        await Page.SaveScreenshotAsync("missed-session-invoice");

        await Page.GotoAsync("/");
        var calendar = new PracticeCalendar(Page);
        var onTheCalendar = calendar.Event("Tuesday social anxiety group (3)");
        await calendar.ExpectAtAsync(onTheCalendar, "2026-12-01", "11:00");
        await Expect(onTheCalendar.Locator(".badge")).ToHaveTextAsync("2 missed");
        await Expect(onTheCalendar).ToHaveClassAsync(new Regex(@"\bappt-missed\b"));
        await Page.SaveScreenshotAsync("calendar-missed-badge");
    }

    private ILocator BalanceCard() =>
        Page.GetByTestId("balance").Locator(".card").Filter(new() { HasText = "Balance" }).Locator(".fs-4");
}
