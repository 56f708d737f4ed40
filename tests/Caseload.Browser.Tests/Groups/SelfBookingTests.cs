using System.Net.Http.Json;
using Caseload.Browser.Tests.Infrastructure;
using Caseload.Web.Features.Portal.Booking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Groups;

/// <summary>Staff open a group to self-booking, mark who may book it, and keep a full session's waitlist in order.</summary>
public sealed class SelfBookingTests(CaseloadSite site) : BrowserTest(site)
{
    private const string Clinician = "Odile Ferrand";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<T> AsClientAsync<TUseCase, T>(Func<TUseCase, Task<T>> use)
        where TUseCase : notnull
    {
        await using var scope = Site.Host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    [Fact]
    public async Task ClinicianTurnsOnSelfBooking_MarksAClientEligible_AndReordersTheWaitlistOfAFullSession()
    {
        await SignInAsync(await Site.Host.AddStaffAsync(Clinician, "Clinician"));
        var members = new[]
        {
            await Site.Host.AddClientAsync(Clinician, "Maren", "Solberg", "1984-05-05"),
            await Site.Host.AddClientAsync(Clinician, "Tobias", "Enright", "1991-09-19"),
        };
        var booker = await Site.Host.AddClientAsync(Clinician, "Aurelia", "Castellano", "1988-02-14");
        var first = await Site.Host.AddClientAsync(Clinician, "Bram", "Osei", "1979-11-03");
        var second = await Site.Host.AddClientAsync(Clinician, "Celine", "Marchetti", "1995-07-21");
        var group = await Site.Host.AddGroupAsync(Clinician, "Thursday grief group", members);
        var session = await Site.Host.AddGroupAppointmentAsync(Clinician, group, "2026-12-10T18:00");

        await Page.GotoAsync($"/Groups/{group}");
        await Page.GetByLabel("Eligible clients may book seats in its sessions online").CheckAsync();
        await Page.GetByLabel("Seats per session").FillAsync("3");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Page.GetByLabel("Mark a client as eligible").SelectOptionAsync(new SelectOptionValue { Label = "Castellano, Aurelia" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Mark eligible" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Aurelia may now book this group's sessions online.");
        await Expect(Page.GetByTestId("eligible").Locator("tbody td:first-child")).ToHaveTextAsync(["Castellano, Aurelia"]);
        await Expect(Page.GetByTestId("eligible")).ToContainTextAsync("On: 3 seats per session.");
        await Page.SaveScreenshotAsync("self-booking-on");

        using (var admin = await Site.Host.AdminAsync())
        {
            foreach (var client in new[] { first, second })
            {
                (await admin.PostAsJsonAsync($"/api/v1/groups/{group}/eligible", new { clientId = client }, Ct)).EnsureSuccessStatusCode();
            }
        }

        Assert.True((await AsClientAsync<BookSeat, Caseload.Domain.Outcome<BookedSeat>>(u => u.HandleAsync(new BookSeatCommand(booker, session), Ct))).Succeeded);
        foreach (var client in new[] { first, second })
        {
            Assert.True((await AsClientAsync<JoinWaitlist, Caseload.Domain.Outcome<WaitlistPlace>>(u => u.HandleAsync(new JoinWaitlistCommand(client, session), Ct))).Succeeded);
        }

        await Page.GotoAsync($"/Appointments/{session}");
        var line = Page.GetByTestId("waitlist").Locator("li a");
        await Expect(line).ToHaveTextAsync(["Osei, Bram", "Marchetti, Celine"]);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Move Osei, Bram down" }).ClickAsync();

        await Expect(line).ToHaveTextAsync(["Marchetti, Celine", "Osei, Bram"]);
        await Page.GetByTestId("waitlist").ScrollIntoViewIfNeededAsync();
        await Page.SaveScreenshotAsync("waitlist-reordered");
    }
}
