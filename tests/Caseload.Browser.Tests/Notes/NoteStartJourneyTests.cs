using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Notes;

/// <summary>
/// A group clinician's working day in the browser: the administrator keeps a note template and picks the practice's date
/// format; the clinician starts this week's note from last week's, and signing an incomplete note marks the empty fields
/// naming the member. Templates and the date format are practice-wide, so the journey has an app of its own.
/// </summary>
public sealed class NoteStartJourneyTests(CaseloadSite site) : BrowserTest(site)
{
    private const string Clinician = "Donald Winnicott";

    private static ILocator Member(IPage page, string name) => page.Locator($"[data-member='{name}']");

    private static async Task SaveElementAsync(ILocator element, string name) =>
        await element.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, name + ".png") });

    [Fact]
    public async Task Notes_StartFromThePreviousSessionOrATemplate_AndSigningAnIncompleteNoteMarksEachEmptyFieldNamingTheMember()
    {
        await using var host = new KestrelApp();
        await host.InitializeAsync();
        var email = await host.AddStaffAsync(Clinician, "Clinician");
        var priya = await host.AddClientAsync(Clinician, "Priya", "Nair", "1990-04-02");
        var tomas = await host.AddClientAsync(Clinician, "Tomas", "Berg", "1985-09-12");
        var group = await host.AddGroupAsync(Clinician, "Monday anxiety group", priya, tomas);
        var lastWeek = await host.AddGroupAppointmentAsync(Clinician, group, "2026-11-23T14:00");
        var thisWeek = await host.AddGroupAppointmentAsync(Clinician, group, "2026-11-30T14:00");
        await using var context = await Site.NewContextAsync(host);
        var page = await context.NewPageAsync();

        // The administrator writes a template and chooses the international date format.
        await SignInAsync(page, CaseloadApp.AdminEmail);
        await page.GotoAsync("/Settings/NoteTemplates");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Exposure practice");
        await page.GetByLabel("Topic").FillAsync("Graded exposure: building the ladder");
        await page.GetByLabel("Interventions used").FillAsync("Psychoeducation, exposure hierarchy, breathing");
        await page.GetByLabel("Plan").FillAsync("Climb one rung of the ladder before next session");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save template" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Template \"Exposure practice\" saved.");
        await Expect(page.GetByTestId("note-templates")).ToContainTextAsync("Exposure practice");
        await page.SaveScreenshotAsync("templates");
        await SaveElementAsync(page.Locator("main"), "settings-note-templates");

        await page.GotoAsync("/Settings/Practice");
        await page.GetByLabel("Date and time format").SelectOptionAsync("international");
        await SaveElementAsync(page.GetByLabel("Date and time format").Locator("xpath=.."), "settings-date-format");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Practice settings saved.");
        await Expect(page.GetByLabel("Date and time format")).ToHaveValueAsync("international");
        await page.SaveScreenshotAsync("date-format-saved");

        // Last week's note, written by the clinician.
        await using var clinicianContext = await Site.NewContextAsync(host);
        page = await clinicianContext.NewPageAsync();
        await SignInAsync(page, email);
        await page.GotoAsync($"/Appointments/{lastWeek}/Note");
        await Expect(page.GetByTestId("note-start")).ToBeVisibleAsync();
        await page.GetByLabel("Topic").FillAsync("Naming avoidance");
        await page.GetByLabel("Interventions used").FillAsync("Socratic questioning, avoidance diary");
        await Member(page, "Priya Nair").GetByLabel("Participation").FillAsync("Priya shared her avoidance diary");
        await Member(page, "Priya Nair").GetByLabel("Plan").FillAsync("Priya: ride the bus two stops");
        await Member(page, "Tomas Berg").GetByLabel("Participation").FillAsync("Tomas listened, spoke once");
        await Member(page, "Tomas Berg").GetByLabel("Plan").FillAsync("Tomas: order coffee at the counter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");

        // This week's empty draft starts from last week's: the shared part and each member's plan, nothing else.
        await page.GotoAsync($"/Appointments/{thisWeek}/Note");
        await Expect(page.GetByText("Monday 30 November 2026, 14:00")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Practice template")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(".+"));
        await page.SaveScreenshotAsync("empty-draft");
        await SaveElementAsync(page.GetByTestId("note-start"), "note-start");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start from the previous session's note" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Started from the previous session's note. Check each part before signing.");
        await Expect(page.GetByLabel("Topic")).ToHaveValueAsync("Naming avoidance");
        await Expect(page.GetByLabel("Interventions used")).ToHaveValueAsync("Socratic questioning, avoidance diary");
        await Expect(Member(page, "Priya Nair").GetByLabel("Plan")).ToHaveValueAsync("Priya: ride the bus two stops");
        await Expect(Member(page, "Priya Nair").GetByLabel("Participation")).ToHaveValueAsync("");
        await Expect(Member(page, "Tomas Berg").GetByLabel("Plan")).ToHaveValueAsync("Tomas: order coffee at the counter");
        await Expect(page.GetByTestId("note-start")).ToHaveCountAsync(0);
        await page.SaveScreenshotAsync("started-from-previous");

        // Signing with Tomas's section still empty names him and marks his fields.
        await Member(page, "Priya Nair").GetByLabel("Participation").FillAsync("Priya rode the bus and reported it");
        await Member(page, "Priya Nair").GetByLabel("Progress toward goals").FillAsync("First exposure done");
        await Member(page, "Priya Nair").GetByLabel("Mood / affect").FillAsync("Proud, a little tired");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();

        await Expect(page.GetByTestId("note-problem"))
            .ToHaveTextAsync("Complete before signing: participation, progress toward goals, mood/affect for Tomas Berg.");
        var tomasParticipation = Member(page, "Tomas Berg").GetByLabel("Participation");
        await Expect(tomasParticipation).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-invalid\b"));
        await Expect(Member(page, "Tomas Berg").GetByText("Write the participation for Tomas Berg before signing.")).ToBeVisibleAsync();
        await Expect(Member(page, "Tomas Berg").GetByLabel("Mood / affect")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-invalid\b"));
        await Expect(Member(page, "Tomas Berg").GetByLabel("Plan")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-invalid\b"));
        await Expect(Member(page, "Priya Nair").Locator(".is-invalid")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("note-status")).ToHaveTextAsync("Draft");
        await Expect(page.GetByTestId("note-start")).ToHaveCountAsync(0);
        await page.SaveScreenshotAsync("sign-missing-fields");
        await SaveElementAsync(Member(page, "Tomas Berg"), "note-sign-missing-fields");

        // Completed, the note signs, dated in the practice's format.
        await tomasParticipation.FillAsync("Tomas practised ordering out loud");
        await Member(page, "Tomas Berg").GetByLabel("Progress toward goals").FillAsync("Rehearsed twice");
        await Member(page, "Tomas Berg").GetByLabel("Mood / affect").FillAsync("Anxious, engaged");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();

        await Expect(page.GetByTestId("note-status")).ToHaveTextAsync("Signed by Donald Winnicott, 01/12/2026 10:00");
        await page.SaveScreenshotAsync("signed");
    }
}
