using System.Globalization;
using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Scheduling;

/// <summary>Deleting an appointment is refused while it holds a payment, and the refusal says so (rule 8).</summary>
public sealed class AppointmentDeletionTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task DeleteAppointment_WithAPaymentTaken_IsRefusedNamingThePayment_AndTheAppointmentStays()
    {
        await Site.Host.AddStaffAsync("Vera Stanhope", "Clinician");
        var ama = await Site.Host.AddClientAsync("Vera Stanhope", "Ama", "Boateng", "1987-09-05");
        var callum = await Site.Host.AddClientAsync("Vera Stanhope", "Callum", "Rourke", "1975-03-17");
        var group = await Site.Host.AddGroupAsync("Vera Stanhope", "Tuesday parenting skills group", ama, callum);
        var session = await Site.Host.AddGroupAppointmentAsync("Vera Stanhope", group, "2026-12-01T14:00");
        var fee = (await Site.Host.PracticeFeeAsync("90853")).ToString("0.00", CultureInfo.InvariantCulture);
        await SignInAsync(await Site.Host.AddStaffAsync("Arthur Hastings", "Scheduler"));

        await Page.GotoAsync($"/Appointments/{session}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Delete this appointment" })).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("deletable-before-payment");
        await Page.GetByTestId("invitees").GetByRole(AriaRole.Link, new() { Name = "Ama Boateng" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Ledger and payments" }).ClickAsync();

        var invoice = Page.GetByTestId("invoices").Locator("tbody tr");
        await Expect(invoice).ToHaveCountAsync(1);
        var number = await invoice.GetByRole(AriaRole.Link, new() { Name = "INV-" }).InnerTextAsync();
        await Page.GetByLabel("Amount", new() { Exact = true }).FillAsync(fee);
        await Page.GetByLabel("Method").SelectOptionAsync(new SelectOptionValue { Label = "Card" });
        await Page.GetByLabel("Apply to").SelectOptionAsync(new SelectOptionValue { Label = $"{number} · 12/01/2026 · {fee}" });
        await Page.GetByLabel("Reference (check number, card receipt)").FillAsync("Card receipt 7781");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Payment of {fee} recorded.");
        await Expect(invoice.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("paid");

        await Page.GotoAsync($"/Appointments/{session}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(Page.GetByTestId("delete-blocked")).ToHaveTextAsync(
            "This appointment cannot be deleted. A payment was taken for it: the billing record must stay.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Delete this appointment" })).ToHaveCountAsync(0);
        await Page.SaveScreenshotAsync("delete-refused");

        // The page's own token, as a script of the page would send it: without it the API refuses the cookie (antiforgery).
        var refused = await Page.APIRequest.DeleteAsync($"/api/v1/appointments/{session}", new() { Headers = await Page.AntiforgeryHeaderAsync() });
        Assert.Equal(409, refused.Status);
        Assert.Equal("has-payment", (await refused.JsonAsync())!.Value.GetProperty("code").GetString());
        await Page.GotoAsync("/");
        var calendar = new PracticeCalendar(Page);
        var stays = calendar.Event("Tuesday parenting skills group (2)");
        await calendar.ExpectAtAsync(stays, "2026-12-01", "14:00");
        await calendar.OpenAsync(stays);

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tuesday parenting skills group (2)");
        await Expect(Page.GetByTestId("invitees").Locator("tbody tr[data-client]")).ToHaveCountAsync(2);
        await Page.SaveScreenshotAsync("appointment-stays");
    }
}
