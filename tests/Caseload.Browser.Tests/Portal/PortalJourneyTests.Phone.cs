using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caseload.Browser.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Portal;

/// <summary>
/// Issue 18 on a phone (390×844): staff invite a client on the client's page; the client signs in with the emailed
/// code, books a seat in a self-booking group's session, joins the waitlist of a full one, and cancels tomorrow's
/// session inside the late-cancel window, seeing the fee before confirming it; the fee is then under Bills.
/// </summary>
public sealed partial class PortalJourneyTests
{
    private const string ClientTitle = "Evening skills group";

    /// <summary>The sessions of the journey: tomorrow's (booked, to cancel late), one with a seat left, one full.</summary>
    private sealed record Scene(string AdaId, string AdaEmail, string Tomorrow, string WithASeat, string Full);

    [Fact]
    public async Task Portal_OnAPhone_TheClientBooksASeat_JoinsAWaitlist_AndCancelsLateWithTheFeeShown()
    {
        await using var inbox = new SmtpInbox();
        await using var host = new MailingKestrelApp(inbox);
        await host.InitializeAsync();
        var scene = await SceneAsync(host);

        await using var office = await Site.NewContextAsync(host.Address);
        var staff = await office.NewPageAsync();
        await SignInAsync(staff, CaseloadApp.AdminEmail);
        await staff.GotoAsync($"/Clients/{scene.AdaId}");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Invite to the client portal" }).ClickAsync();
        await Expect(staff.GetByTestId("portal-access")).ToContainTextAsync("Invited on");
        await WaitForEmailAsync(inbox, scene.AdaEmail, 1);

        await using var phone = await Site.NewContextAsync(host.Address);
        var client = await phone.NewPageAsync();
        await client.SetViewportSizeAsync(390, 844);
        await client.GotoAsync("/portal/sign-in");
        await client.GetByLabel("Email").FillAsync(scene.AdaEmail);
        await client.GetByRole(AriaRole.Button, new() { Name = "Email me a code" }).ClickAsync();
        var code = SixDigits().Match((await WaitForEmailAsync(inbox, scene.AdaEmail, 2)).TextBody ?? "").Value;
        await client.GetByLabel("Code").FillAsync(code);
        await client.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(client.GetByTestId("portal-next-session")).ToContainTextAsync(ClientTitle);

        await client.GetByRole(AriaRole.Link, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Groups you can book" })).ToBeVisibleAsync();
        var withASeat = client.Locator($"[data-testid=portal-opening][data-id='{scene.WithASeat}']");
        var full = client.Locator($"[data-testid=portal-opening][data-id='{scene.Full}']");
        await Expect(withASeat.GetByTestId("portal-seats")).ToHaveTextAsync("Few seats left");
        await Expect(full.GetByTestId("portal-seats")).ToHaveTextAsync("Full");
        await AssertFitsAsync(client);
        await client.SaveScreenshotAsync("book");
        await withASeat.GetByRole(AriaRole.Button, new() { Name = "Book a seat" }).ClickAsync();
        await Expect(client.GetByTestId("portal-notice")).ToContainTextAsync("Your seat is booked for");
        await full.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await Expect(client.GetByTestId("portal-notice")).ToContainTextAsync("number 1 in line");

        await client.GetByRole(AriaRole.Link, new() { Name = "Waitlist", Exact = true }).ClickAsync();
        await Expect(client.GetByTestId("portal-place-position")).ToHaveTextAsync("You are number 1 in line.");
        await AssertFitsAsync(client);
        await client.SaveScreenshotAsync("waitlist");

        await client.GetByRole(AriaRole.Link, new() { Name = "Sessions", Exact = true }).ClickAsync();
        var tomorrow = client.Locator($"[data-testid=portal-session][data-id='{scene.Tomorrow}']");
        await Expect(client.Locator($"[data-testid=portal-session][data-id='{scene.WithASeat}']")).ToContainTextAsync(ClientTitle);
        await Expect(tomorrow.GetByTestId("portal-session-status")).ToHaveTextAsync("Booked");
        await AssertFitsAsync(client);
        await client.SaveScreenshotAsync("sessions");
        await tomorrow.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(client.GetByTestId("portal-late-fee")).ToContainTextAsync("late-cancellation fee of 40.00");
        await Expect(tomorrow.GetByTestId("portal-session-status")).ToHaveTextAsync("Booked");
        await AssertFitsAsync(client);
        await client.SaveScreenshotAsync("late-fee");
        await client.GetByRole(AriaRole.Button, new() { Name = "Confirm the fee and cancel" }).ClickAsync();
        await Expect(client.GetByTestId("portal-notice")).ToContainTextAsync("recorded as missed, with the late-cancellation fee of 40.00");
        await Expect(tomorrow.GetByTestId("portal-session-status")).ToHaveTextAsync("Missed");

        await client.GetByRole(AriaRole.Link, new() { Name = "Bills", Exact = true }).ClickAsync();
        await Expect(client.GetByTestId("portal-invoice")).ToContainTextAsync("Missed or late-cancelled session: " + ClientTitle);
        await Expect(client.GetByTestId("portal-statement-closing")).ToContainTextAsync("40.00");
        await AssertFitsAsync(client);
        await client.SaveScreenshotAsync("bills");

        using var admin = await host.AdminAsync();
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/appointments/{scene.Tomorrow}/history", Ct);
        Assert.Contains(history.EnumerateArray(), line => line.GetProperty("by").GetString()!.EndsWith("(client portal)", StringComparison.Ordinal));
    }

    private static async Task AssertFitsAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), $"{page.Url} is wider than the phone");

    /// <summary>
    /// With the portal on: a clinician's group of Ada, Bob, Carol and Dan with a client title, three seats a session
    /// and Ada eligible to book (her missed-session fee 40.00); tomorrow's session with Ada on it, one next week with
    /// Bob and Carol (a seat left), and one the week after with Bob, Carol and Dan (full). Each session is booked with
    /// its own invitees, so Ada was never taken off one.
    /// </summary>
    private static async Task<Scene> SceneAsync(CaseloadApp host)
    {
        using var admin = await host.AdminAsync();
        var practice = JsonNode.Parse(await admin.GetStringAsync("/api/v1/practice", Ct))!;
        practice["portal"] = new JsonObject { ["enabled"] = true };
        (await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct)).EnsureSuccessStatusCode();

        var clinician = await host.StaffAsync("Clinician");
        var http = clinician.Client;
        var adaEmail = $"{Guid.NewGuid():N}@client.test";
        async Task<string> ClientAsync(string first, string last, string? email)
        {
            var created = await http.PostAsJsonAsync("/api/v1/clients", new
            {
                firstName = first,
                lastName = last,
                dateOfBirth = "1985-04-12",
                email,
                clinicianId = clinician.ClinicianId,
                reminders = new { email = false, text = false },
                billing = new { mode = "selfPay" },
                missedSessionFee = 40.00m,
            }, Ct);
            return (await Created(created)).GetProperty("client").GetProperty("id").GetString()!;
        }

        var ada = await ClientAsync("Ada", "Portalson", adaEmail);
        string[] others = [await ClientAsync("Bob", "Benning", null), await ClientAsync("Carol", "Castillo", null), await ClientAsync("Dan", "Duarte", null)];
        var group = (await Created(await http.PostAsJsonAsync("/api/v1/groups",
            new { name = "DBT skills, court-ordered", clinicianId = clinician.ClinicianId, serviceCode = "90853", clientTitle = ClientTitle }, Ct)))
            .GetProperty("id").GetString()!;
        foreach (var member in others.Prepend(ada))
        {
            await Created(await http.PostAsJsonAsync($"/api/v1/groups/{group}/members", new { clientId = member }, Ct));
        }

        (await http.PutAsJsonAsync($"/api/v1/groups/{group}", new
        {
            name = "DBT skills, court-ordered", serviceCode = "90853", clientTitle = ClientTitle, selfBooking = new { enabled = true, capacity = 3 },
        }, Ct)).EnsureSuccessStatusCode();
        await Created(await http.PostAsJsonAsync($"/api/v1/groups/{group}/eligible", new { clientId = ada }, Ct));

        async Task<string> SessionAsync(TimeSpan ahead, params string[] invited)
        {
            var start = host.Time.GetUtcNow().Add(ahead);
            var booked = await Created(await http.PostAsJsonAsync("/api/v1/appointments", new
            {
                kind = "group", clinicianId = clinician.ClinicianId, serviceCode = "90853", groupId = group,
                start = start.ToString("yyyy-MM-dd'T'HH:00:00'Z'", CultureInfo.InvariantCulture), durationMinutes = 90, location = "Room 2",
                invitees = invited.Select(clientId => new { clientId, createInvoice = true }),
            }, Ct));
            return booked.GetProperty("appointments")[0].GetProperty("id").GetString()!;
        }

        var tomorrow = await SessionAsync(TimeSpan.FromHours(23), ada, others[0]);
        var withASeat = await SessionAsync(TimeSpan.FromDays(7), others[0], others[1]);
        var full = await SessionAsync(TimeSpan.FromDays(8), others);
        return new Scene(ada, adaEmail, tomorrow, withASeat, full);
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
