using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Search;

/// <summary>The top bar's search box: clients, groups and appointments by a client's name, only of the clinician's own caseload.</summary>
public sealed class FindAnythingTests(CaseloadSite site) : BrowserTest(site)
{
    [Fact]
    public async Task TopBarSearch_ByAClientsName_FindsTheClientTheirGroupAndAppointments_ButNoOtherCaseload()
    {
        var email = await Site.Host.AddStaffAsync("Campion Lugg", "Clinician");
        var quentin = await Site.Host.AddClientAsync("Campion Lugg", "Quentin", "Fairweather", "1979-03-08");
        var rosa = await Site.Host.AddClientAsync("Campion Lugg", "Rosa", "Abernathy", "1985-06-19");
        var group = await Site.Host.AddGroupAsync("Campion Lugg", "Fairweather friends", quentin, rosa);
        await Site.Host.AddGroupAppointmentAsync("Campion Lugg", group, "2026-12-03T18:00");
        await Site.Host.AddAppointmentAsync("Campion Lugg", quentin, "2026-12-04T09:00");
        await Site.Host.AddStaffAsync("Oates Bunter", "Clinician");
        await Site.Host.AddClientAsync("Oates Bunter", "Fenella", "Fairweather", "1990-02-02");
        await SignInAsync(email);

        var box = Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search clients, groups and appointments" }).First;
        await box.FillAsync("fairweather");
        await box.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Search\\?q=fairweather$"));
        await Expect(Page.GetByTestId("found-clients").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Fairweather, Quentin"]);
        await Expect(Page.GetByTestId("found-groups").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Fairweather friends"]);
        await Expect(Page.GetByTestId("found-appointments").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(Page.GetByTestId("found-appointments")).ToContainTextAsync("Thu 12/03/2026 6:00 PM · Fairweather friends");
        await Expect(Page.GetByTestId("found-appointments")).ToContainTextAsync("Fri 12/04/2026 9:00 AM · Quentin Fairweather");
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Fenella");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "search-results.png") });

        await Page.GetByTestId("found-clients").GetByRole(AriaRole.Link, new() { Name = "Fairweather, Quentin" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/Clients/{quentin}$"));
    }
}
