using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Caseload.Browser.Tests.Infrastructure;
using Caseload.Web.Tests.Reminders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Portal;

/// <summary>The app on Kestrel with its email going to an SMTP server inside the test.</summary>
public sealed class MailingKestrelApp : CaseloadApp
{
    private readonly SmtpInbox _inbox;

    public MailingKestrelApp(SmtpInbox inbox)
        : base(new SqliteTestDatabase(), ownsDatabase: true)
    {
        _inbox = inbox;
        UseKestrel(0);
    }

    public Uri Address
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Caseload:Email:Host", "127.0.0.1");
        builder.UseSetting("Caseload:Email:Port", _inbox.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Caseload:Email:Security", "None");
        builder.UseSetting("Caseload:Email:FromAddress", "office@practice.test");
    }
}

/// <summary>
/// Issue 18: an administrator turns the portal on and invites a client; the client, on a phone, signs in with
/// the code from the email and is welcomed. The journey has an app of its own: it changes the practice's settings.
/// </summary>
public sealed partial class PortalJourneyTests(CaseloadSite site) : BrowserTest(site)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Portal_TurnedOnAndInvited_TheClientSignsInOnAPhoneWithTheEmailedCode()
    {
        await using var inbox = new SmtpInbox();
        await using var host = new MailingKestrelApp(inbox);
        await host.InitializeAsync();
        var email = $"{Guid.NewGuid():N}@client.test";
        var clientId = await ClientAsync(host, email);

        await using var office = await Site.NewContextAsync(host.Address);
        var admin = await office.NewPageAsync();
        await SignInAsync(admin, CaseloadApp.AdminEmail);
        await admin.GotoAsync("/Settings/Practice");
        await admin.GetByLabel("Contact phone (shown in reminders)").FillAsync("555-0100");
        await admin.GetByLabel("Turn the client portal on").CheckAsync();
        await admin.SaveScreenshotAsync("portal-settings");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Practice settings saved.");
        await Expect(admin.GetByLabel("Turn the client portal on")).ToBeCheckedAsync();

        await admin.GotoAsync($"/Clients/{clientId}");
        await Expect(admin.GetByTestId("portal-access")).ToContainTextAsync("Not invited");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Invite to the client portal" }).ClickAsync();
        await Expect(admin.GetByTestId("portal-access")).ToContainTextAsync("Invited on");
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation again" })).ToBeVisibleAsync();
        await admin.SaveScreenshotAsync("invited");
        var invitation = await WaitForEmailAsync(inbox, email, 1);
        Assert.Contains("/portal/sign-in", invitation.TextBody, StringComparison.Ordinal);

        await using var phone = await Site.NewContextAsync(host.Address);
        var client = await phone.NewPageAsync();
        await client.SetViewportSizeAsync(390, 844);
        await client.GotoAsync("/portal/sign-in");
        await Expect(client.GetByTestId("portal-practice")).ToBeVisibleAsync();
        await client.SaveScreenshotAsync("phone-sign-in");
        await client.GetByLabel("Email").FillAsync(email);
        await client.GetByRole(AriaRole.Button, new() { Name = "Email me a code" }).ClickAsync();
        await Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Enter your code" })).ToBeVisibleAsync();
        var code = SixDigits().Match((await WaitForEmailAsync(inbox, email, 2)).TextBody ?? "").Value;

        await client.GetByLabel("Code").FillAsync(code == "000000" ? "111111" : "000000");
        await client.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(client.GetByTestId("portal-code-error")).ToContainTextAsync("That code is not right");
        await client.SaveScreenshotAsync("phone-wrong-code");
        await client.GetByLabel("Code").FillAsync(code);
        await client.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(client.GetByTestId("portal-welcome")).ToHaveTextAsync("Welcome, Ada");
        await Expect(client.GetByTestId("portal-your-details")).ToContainTextAsync(email);
        Assert.False(await client.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));
        await client.SaveScreenshotAsync("phone-welcome");

        await client.GetByTestId("portal-sign-out").ClickAsync();
        await Expect(client.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out.");
        await client.GotoAsync("/portal");
        await Expect(client).ToHaveURLAsync(new Regex("/portal/sign-in$"));
    }

    private static async Task<string> ClientAsync(CaseloadApp host, string email)
    {
        var clinician = await host.StaffAsync("Clinician");
        var response = await clinician.Client.PostAsJsonAsync("/api/v1/clients", new
        {
            firstName = "Ada",
            lastName = "Portalson",
            dateOfBirth = "1985-04-12",
            email,
            clinicianId = clinician.ClinicianId,
            reminders = new { email = false, text = false },
            billing = new { mode = "selfPay" },
        }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("client").GetProperty("id").GetString()!;
    }

    private static async Task<MimeKit.MimeMessage> WaitForEmailAsync(SmtpInbox inbox, string address, int count)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (inbox.To(address) is { } messages && messages.Count >= count)
            {
                return messages[count - 1];
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        }

        throw new TimeoutException($"No email {count} reached {address}.");
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
