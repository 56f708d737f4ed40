using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Account;

/// <summary>
/// Finding 7 of issue 12 on the pages people print: the invoice, the statement and the note print view, and the
/// reminder wording's live preview, each under the strict Content-Security-Policy with nothing refused.
/// </summary>
public sealed class PrintablePagesTests(CaseloadSite site) : BrowserTest(site)
{
    private const string Clinician = "Hedda Printwell";
    private const string Participation = "Ingrid mapped her week on the activity chart";

    /// <summary>What the browser reports as refused by the policy, and any script error on the page.</summary>
    private readonly List<string> _refused = [];

    private void ListenForRefusals()
    {
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.StartsWith("Refused to", StringComparison.Ordinal))
            {
                _refused.Add($"{message.Type}: {message.Text}");
            }
        };
        Page.PageError += (_, error) => _refused.Add("page error: " + error);
    }

    /// <summary>Clicks the page's Print button with the print dialog stood in for, and checks the button's script ran.</summary>
    private async Task PrintAsync()
    {
        await Page.EvaluateAsync("() => { window.__printed = false; window.print = () => { window.__printed = true; }; }");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Print", Exact = true }).ClickAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__printed"));
    }

    [Fact]
    public async Task InvoiceStatementNotePrintAndTemplatePreview_UnderTheContentSecurityPolicy_ShowTheirContentWithoutAViolation()
    {
        var email = await Site.Host.AddStaffAsync(Clinician, "Clinician");
        var client = await Site.Host.AddClientAsync(Clinician, "Ingrid", "Quillfeather", "1984-03-09");
        var group = await Site.Host.AddGroupAsync(Clinician, "Monday activity scheduling group", client);
        var session = await Site.Host.AddGroupAppointmentAsync(Clinician, group, "2026-11-23T10:00");
        var invoiceNumber = await SignedNoteAndInvoiceAsync(email, session, client);
        ListenForRefusals();
        await SignInAsync(email);

        await Page.GotoAsync($"/Billing/Invoices/{invoiceNumber.Id}");
        await Expect(Page.Locator("article.printable")).ToContainTextAsync(invoiceNumber.Number);
        await Expect(Page.Locator("article.printable")).ToContainTextAsync("Ingrid Quillfeather");
        await PrintAsync();
        await Page.SaveScreenshotAsync("invoice");

        await Page.GotoAsync($"/Clients/{client}/Statement");
        await Expect(Page.Locator("article.printable")).ToContainTextAsync("Statement");
        await Expect(Page.Locator("article.printable")).ToContainTextAsync(invoiceNumber.Number);
        await PrintAsync();
        await Page.SaveScreenshotAsync("statement");

        await Page.GotoAsync($"/Appointments/{session}/Note/Print/{client}");
        await Expect(Page.Locator("article.printable")).ToContainTextAsync(Participation);
        await PrintAsync();
        await Page.SaveScreenshotAsync("note-print");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(CaseloadApp.AdminEmail);
        await Page.GotoAsync("/Settings/Reminders");
        var subject = Page.GetByLabel("Email subject");
        await subject.FillAsync("");
        await Page.RunAndWaitForResponseAsync(
            () => subject.PressSequentiallyAsync("Your visit at {practice} on {date}"),
            r => r.Url.Contains("handler=Preview", StringComparison.Ordinal));
        await Expect(Page.GetByTestId("preview")).ToContainTextAsync("Your visit at ");
        await Expect(Page.GetByTestId("preview")).Not.ToContainTextAsync("{practice}");
        await Page.SaveScreenshotAsync("template-preview");

        Assert.Empty(_refused);
    }

    /// <summary>As the clinician over the API: the client attended, the note written and signed; the session's invoice.</summary>
    private async Task<(string Id, string Number)> SignedNoteAndInvoiceAsync(string email, string session, string client)
    {
        using var clinician = await Site.Host.SignInAsync(email);
        (await clinician.PostAsync($"/api/v1/appointments/{session}/invitees/{client}/attended", null)).EnsureSuccessStatusCode();
        (await clinician.PutAsJsonAsync($"/api/v1/appointments/{session}/group-note", new
        {
            shared = new { topic = "Behavioural activation", interventions = "Activity scheduling", groupProcess = "Engaged", sessionMinutes = 50 },
            members = new[] { new { clientId = client, participation = Participation, progress = "Three planned activities done", moodAffect = "Brighter", plan = "Add one social activity", risk = "none" } },
        })).EnsureSuccessStatusCode();
        (await clinician.PostAsync($"/api/v1/appointments/{session}/group-note/sign", null)).EnsureSuccessStatusCode();
        var invoice = (await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/invoices?appointmentId={session}")).EnumerateArray().Single();
        return (invoice.GetProperty("id").GetString()!, invoice.GetProperty("number").GetString()!);
    }
}
