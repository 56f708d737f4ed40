using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Scheduling;

/// <summary>
/// A group clinician's working day on the session page: everyone attended in one step and the exception marked
/// in place, each member's invoices beside them, the note signed, then attendance corrected only by an addendum
/// (rule 13); and the reminders of a session, one block per client.
/// </summary>
public sealed class SessionPageTests(CaseloadSite site) : BrowserTest(site)
{
    private const string Clinician = "Irvin Yalom";

    [Fact]
    public async Task AttendanceInOneStep_ThenTheException_InPlace_WithTheMoneyBeside_AndAfterSigningOnlyACorrectionByAddendum_Rule13()
    {
        var email = await Site.Host.AddStaffAsync(Clinician, "Clinician");
        var nadia = await Site.Host.AddClientAsync(Clinician, "Nadia", "Haddad", "1987-05-02");
        var omar = await Site.Host.AddClientAsync(Clinician, "Omar", "Reyes", "1979-10-19");
        var priya = await Site.Host.AddClientAsync(Clinician, "Priya", "Shah", "1995-01-07");
        var group = await Site.Host.AddGroupAsync(Clinician, "Monday grief group", nadia, omar, priya);
        var session = await Site.Host.AddGroupAppointmentAsync(Clinician, group, "2026-12-01T11:00");
        await SignInAsync(email);
        await Page.GotoAsync($"/Appointments/{session}");
        await Page.EvaluateAsync("() => window.samePage = true");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Mark all attended" }).ClickAsync();

        await Expect(Page.GetByTestId("attendance-notice")).ToHaveTextAsync("Marked 3 attended. Mark the exceptions below.");
        await Expect(Page.GetByTestId("attendance-status")).ToHaveTextAsync(["attended", "attended", "attended"]);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.samePage === true"), "Marking everyone attended reloaded the page.");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Missed: Omar Reyes" }).ClickAsync();
        var missed = Page.Locator($"#missed-{omar}");
        await missed.GetByLabel("Reason").FillAsync("Phoned at 10:40 from the hospital.\nHis mother was admitted overnight.");
        await Expect(missed.GetByTestId("charge-default")).ToContainTextAsync("Default: the practice's missed-session fee of");
        await missed.GetByLabel("Charge (0.00 for none)").FillAsync("25.00");
        await Page.SaveScreenshotAsync("missed-note-multiline");
        await missed.GetByRole(AriaRole.Button, new() { Name = "Save missed note" }).ClickAsync();

        await Expect(Page.GetByTestId("attendance-notice")).ToHaveTextAsync("Marked missed; a missed-session invoice of 25.00 was issued.");
        var omarRow = Page.Locator("tr[data-client='Omar Reyes']");
        await Expect(omarRow.GetByTestId("attendance-status")).ToHaveTextAsync("missed");
        await Expect(omarRow.GetByTestId("invoice")).ToHaveCountAsync(2);
        await Expect(omarRow.GetByTestId("invoice").Filter(new() { HasText = "missed session" })).ToContainTextAsync("open · 25.00");
        await Expect(omarRow.GetByTestId("invoice").Filter(new() { HasNotText = "missed session" }).GetByTestId("invoice-status")).ToHaveTextAsync("voided");
        await Expect(Page.Locator("tr[data-client='Nadia Haddad']").GetByTestId("invoice-status")).ToHaveTextAsync("open");
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("Marked everyone still invited as attended");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.samePage === true"), "Marking a client missed reloaded the page.");
        await Page.SaveScreenshotAsync("session-attendance-and-invoices");

        await SignTheNoteAsync(email, session, nadia, priya);
        await Page.ReloadAsync();

        await Expect(Page.GetByTestId("attendance-signed")).ToContainTextAsync(
            "The note is signed; attendance is part of the signed record. A correction is added to the note as an addendum.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Mark all attended" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Missed: Priya Shah" })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Correct attendance: Priya Shah" }).ClickAsync();
        var correction = Page.Locator($"#correct-{priya}");
        await Expect(correction.GetByLabel("New status")).ToHaveValueAsync("missed");
        await correction.GetByLabel("Why").FillAsync("Priya left after the check-in; she did not take part in the session.");
        await correction.GetByLabel("Charge when missed").FillAsync("0.00");
        await Page.SaveScreenshotAsync("session-correct-attendance");
        await correction.GetByRole(AriaRole.Button, new() { Name = "Add the correction to the note" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Attendance corrected. The correction is added to the signed note as an addendum.");
        var priyaRow = Page.Locator("tr[data-client='Priya Shah']");
        await Expect(priyaRow.GetByTestId("attendance-status")).ToHaveTextAsync("missed");
        await Expect(priyaRow.GetByTestId("invoice-status")).ToHaveTextAsync("voided");
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("Corrected the attendance of Priya Shah from attended to missed (charge 0.00) by an addendum to the signed note.");
        await Page.SaveScreenshotAsync("session-after-correction");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Open signed note" }).ClickAsync();
        await Expect(Page.GetByTestId("addenda")).ToContainTextAsync(
            "Attendance corrected from attended to missed (missed-session charge 0.00). Why: Priya left after the check-in; she did not take part in the session.");
        await Expect(Page.GetByTestId("addenda")).ToContainTextAsync($"Signed by {Clinician}");
        await Expect(Page.GetByTestId("addenda")).ToContainTextAsync("about Priya Shah");
        await Expect(Page.GetByTestId("member-attendance").Filter(new() { HasText = "Priya Shah" }))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"Priya Shah\s+attended\s+corrected to\s+missed"));
        await Page.SaveScreenshotAsync("note-correction-addendum");

        await Page.GotoAsync($"/Clients/{omar}");
        await Expect(Page.GetByTestId("missed-reason")).ToHaveTextAsync("Phoned at 10:40 from the hospital.\nHis mother was admitted overnight.");
        await Page.SaveScreenshotAsync("chart-missed-reason");
    }

    [Fact]
    public async Task Reminders_ShowOneBlockPerClient_AndAClientTakenOffKeepsTheirNameBesideTheCancelledReminders()
    {
        var email = await Site.Host.AddStaffAsync("Carl Rogers", "Clinician");
        var lucia = await AddRemindedClientAsync("Carl Rogers", "Lucia", "Ferraro");
        var tomas = await AddRemindedClientAsync("Carl Rogers", "Tomas", "Novak");
        var group = await Site.Host.AddGroupAsync("Carl Rogers", "Wednesday parenting group", lucia, tomas);
        var session = await Site.Host.AddGroupAppointmentAsync("Carl Rogers", group, "2026-12-09T18:00");
        await SignInAsync(email);
        await Page.GotoAsync($"/Appointments/{session}");
        Page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove Tomas Novak" }).ClickAsync();

        await Expect(Page.GetByTestId("reminder-block")).ToHaveCountAsync(2);
        var lucias = Page.Locator("[data-testid='reminder-block'][data-client='Lucia Ferraro']");
        var tomass = Page.Locator("[data-testid='reminder-block'][data-client='Tomas Novak']");
        await Expect(lucias).ToContainTextAsync("Lucia Ferraro");
        await Expect(lucias.Locator("tr")).ToHaveCountAsync(2);
        await Expect(lucias.Locator(".badge")).ToHaveTextAsync(["pending", "pending"]);
        await Expect(tomass).ToContainTextAsync("Tomas Novak");
        await Expect(tomass.Locator(".badge")).ToHaveTextAsync(["cancelled", "cancelled"]);
        await Page.GetByTestId("reminders").ScrollIntoViewIfNeededAsync();
        await Page.SaveScreenshotAsync("session-reminders-per-client");
    }

    private async Task<string> AddRemindedClientAsync(string clinicianName, string firstName, string lastName)
    {
        using var admin = await Site.Host.AdminAsync();
        var clinicians = await admin.GetFromJsonAsync<JsonElement>("/api/v1/clinicians", TestContext.Current.CancellationToken);
        var clinicianId = clinicians.EnumerateArray().Single(c => c.GetProperty("displayName").GetString() == clinicianName).GetProperty("id").GetString();
        var created = await admin.PostAsJsonAsync("/api/v1/clients", new
        {
            firstName,
            lastName,
            dateOfBirth = "1984-06-15",
            email = $"{firstName.ToLowerInvariant()}@example.com",
            mobile = (string?)null,
            clinicianId,
            reminders = new { email = true, text = false },
            billing = new { mode = "selfPay" },
        }, TestContext.Current.CancellationToken);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("client").GetProperty("id").GetString()!;
    }

    /// <summary>The clinician writes and signs the session's note over the API: this journey is about what signing fixes.</summary>
    private async Task SignTheNoteAsync(string email, string session, params string[] attended)
    {
        using var clinician = await Site.Host.SignInAsync(email);
        var ct = TestContext.Current.CancellationToken;
        var saved = await clinician.PutAsJsonAsync($"/api/v1/appointments/{session}/group-note", new
        {
            shared = new { topic = "Anniversaries and holidays", interventions = "Grief psychoeducation; memory sharing", groupProcess = "Warm", sessionMinutes = 90 },
            members = attended.Select(clientId => new
            {
                clientId, participation = "Shared a memory of the first holiday alone", progress = "Named two supports", moodAffect = "Tearful, congruent",
                risk = "none", plan = "Plan one ritual for the holiday",
            }),
        }, ct);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(ct));
        var signed = await clinician.PostAsync($"/api/v1/appointments/{session}/group-note/sign", null, ct);
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync(ct));
    }
}
