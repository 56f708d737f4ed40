using System.Globalization;
using System.Text.RegularExpressions;
using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Billing;

/// <summary>
/// A payer's cheque entered by hand against two claims (one paid in full, one in part, waiting for the rest), refused
/// first when its claims do not add up to it, then a takeback that sets a paid claim waiting for the payer again.
/// </summary>
public sealed class PayerPaymentTests(CaseloadSite site) : BrowserTest(site)
{
    private const string Clinician = "Anneliese Kraus";
    private const string Payer = "Lakeshore Mutual";

    [Fact]
    public async Task PayerCheque_SpreadOverTwoClaims_PaysOneAndLeavesTheOtherWaiting_AndATakebackReopensThePaidOne()
    {
        await Site.Host.AddStaffAsync(Clinician, "Clinician");
        var ines = await Site.Host.AddInsuredClientAsync(Clinician, "Ines", "Barros", "1977-06-14", Payer, "LM-5521", 20.00m);
        var teo = await Site.Host.AddInsuredClientAsync(Clinician, "Teo", "Varga", "1992-01-09", Payer, "LM-7730", 20.00m);
        var group = await Site.Host.AddGroupAsync(Clinician, "Wednesday anxiety group", ines, teo);
        await Site.Host.AddGroupAppointmentAsync(Clinician, group, "2026-12-01T07:30");
        var payerShare = await Site.Host.PracticeFeeAsync("90853") - 20.00m;
        await SignInAsync(await Site.Host.AddStaffAsync("Rosalind Pike", "Biller"));

        await Page.GotoAsync("/Billing");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Payer payments" }).ClickAsync();
        await Page.GetByLabel("Payer", new() { Exact = true }).SelectOptionAsync(Payer);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show its claims" }).ClickAsync();

        var open = Page.GetByTestId("open-claims").Locator("tbody tr");
        await Expect(open).ToHaveCountAsync(2);
        var barros = open.Filter(new() { HasText = "Ines Barros" });
        var varga = open.Filter(new() { HasText = "Teo Varga" });
        await Page.GetByLabel("Amount received").FillAsync(Money(payerShare + 10.00m));
        await Page.GetByLabel("Check or trace number").FillAsync("CHK 58812");
        await barros.GetByRole(AriaRole.Spinbutton, new() { NameRegex = new Regex("^Paid on claim") }).FillAsync(Money(payerShare));
        await varga.GetByRole(AriaRole.Spinbutton, new() { NameRegex = new Regex("^Paid on claim") }).FillAsync("15.00");
        await varga.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Payer is done") }).UncheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Post payment" }).ClickAsync();

        await Expect(Page.Locator("[data-valmsg-for='Pay.Amount']"))
            .ToHaveTextAsync($"The amounts paid on the claims add up to {Money(payerShare + 15.00m)}, not {Money(payerShare + 10.00m)}.");
        await Expect(varga.GetByRole(AriaRole.Spinbutton, new() { NameRegex = new Regex("^Paid on claim") })).ToHaveValueAsync("15.00");
        await Expect(varga.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Payer is done") })).Not.ToBeCheckedAsync();
        await Page.SaveScreenshotAsync("amounts-do-not-add-up");
        await Page.GetByTestId("payer-payment").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-payer-payment.png") });
        await Page.GetByLabel("Amount received").FillAsync(Money(payerShare + 15.00m));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Post payment" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Payment of {Money(payerShare + 15.00m)} from {Payer} posted to 2 claims.");
        await Expect(open).ToHaveCountAsync(1);
        await Expect(open.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Teo Varga");
        await Expect(open.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync(Money(payerShare - 15.00m));
        var paid = Page.GetByTestId("paid-claims").Locator("tbody tr");
        await Expect(paid).ToHaveCountAsync(2);
        await Expect(paid.Filter(new() { HasText = "Ines Barros" }).GetByTestId("claim-status")).ToHaveTextAsync("paid");
        await Page.SaveScreenshotAsync("posted");

        await Page.GetByLabel("Reference", new() { Exact = true }).FillAsync("Refund of overpayment, CHK 58812");
        await paid.Filter(new() { HasText = "Ines Barros" }).GetByRole(AriaRole.Spinbutton).FillAsync("10.00");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record takeback" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Takeback of 10.00 by {Payer} recorded: those claims wait for the payer again.");
        await Expect(open).ToHaveCountAsync(2);
        await Expect(open.Filter(new() { HasText = "Ines Barros" }).GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("10.00");
        await Page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-payer-takeback.png") });

        await open.Filter(new() { HasText = "Ines Barros" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(Page.GetByTestId("claim-history")).ToContainTextAsync("Payer payment by check CHK 58812");
        await Expect(Page.GetByTestId("claim-history")).ToContainTextAsync("Taken back by the payer Refund of overpayment, CHK 58812");
        await Expect(Page.GetByTestId("payer-balance")).ToHaveTextAsync("10.00");
        await Page.SaveScreenshotAsync("claim-history");
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
