using System.Net;
using System.Text.RegularExpressions;
using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Notes;

/// <summary>Rule 12 in the browser: the note autosaves as the clinician types, signing locks it, addenda follow, the chart keeps members apart.</summary>
public sealed partial class GroupNoteTests(CaseloadSite site) : BrowserTest(site)
{
    private const string Clinician = "Anna Freud";
    private const string LenaParticipation = "Lena led the check-in and named two triggers";
    private const string MarcusParticipation = "Marcus stayed quiet until the last exercise";
    private const string MarcusPlan = "Revisit the chain analysis next week";

    [GeneratedRegex(@"^Draft saved at \d{1,2}:\d{2}:\d{2} (AM|PM)\.$")]
    private static partial Regex DraftSaved();

    [GeneratedRegex(@"^Signed by Anna Freud, \d{2}/\d{2}/\d{4} \d{1,2}:\d{2} (AM|PM)$")]
    private static partial Regex SignedByAnna();

    private ILocator Member(string name) => Page.Locator($"[data-member='{name}']");

    [Fact]
    public async Task WriteNote_AutosavesTheDraft_SigningLocksIt_AnAddendumFollows_AndTheChartShowsOnlyTheClientsSection()
    {
        var email = await Site.Host.AddStaffAsync(Clinician, "Clinician");
        var lena = await Site.Host.AddClientAsync(Clinician, "Lena", "Okafor", "1991-02-14");
        var marcus = await Site.Host.AddClientAsync(Clinician, "Marcus", "Bell", "1983-08-30");
        var group = await Site.Host.AddGroupAsync(Clinician, "Thursday DBT skills group", lena, marcus);
        var session = await Site.Host.AddGroupAppointmentAsync(Clinician, group, "2026-11-24T10:00");
        await SignInAsync(email);

        await Page.GotoAsync($"/Appointments/{session}");
        await Page.SaveScreenshotAsync("appointment");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Write note" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Group note · Thursday DBT skills group (2)");
        await Expect(Page.GetByTestId("note-status")).ToHaveTextAsync("Draft");
        await Page.SaveScreenshotAsync("empty-note");

        await Page.GetByLabel("Topic").FillAsync("Distress tolerance: the TIPP skills");
        await Page.GetByLabel("Interventions used").FillAsync("Skills teaching, paced breathing, role play");
        await Page.GetByLabel("Group process and dynamics").FillAsync("Members supported each other; one side conversation redirected");
        await Member("Lena Okafor").GetByLabel("Participation").FillAsync(LenaParticipation);
        await Member("Lena Okafor").GetByLabel("Progress toward goals").FillAsync("Used paced breathing twice this week");
        await Member("Lena Okafor").GetByLabel("Mood / affect").FillAsync("Bright, full range");
        await Member("Lena Okafor").GetByLabel("Plan").FillAsync("Practise TIPP daily with the diary card");
        await Member("Marcus Bell").GetByLabel("Participation").FillAsync(MarcusParticipation);
        await Member("Marcus Bell").GetByLabel("Progress toward goals").FillAsync("Completed one chain analysis");
        await Member("Marcus Bell").GetByLabel("Mood / affect").FillAsync("Constricted, anxious");
        await Member("Marcus Bell").GetByLabel("Risk", new() { Exact = true }).SelectOptionAsync("low");
        await Member("Marcus Bell").GetByLabel("Risk detail (required above none)").FillAsync("Passive thoughts, no plan; safety plan reviewed");
        // The autosave that carries the last field typed is the one that keeps everything.
        await Page.RunAndWaitForResponseAsync(
            () => Member("Marcus Bell").GetByLabel("Plan").FillAsync(MarcusPlan),
            r => r.Url.Contains("handler=Save", StringComparison.Ordinal) && WebUtility.UrlDecode(r.Request.PostData ?? "").Contains(MarcusPlan, StringComparison.Ordinal));

        await Expect(Page.GetByTestId("save-status")).ToHaveTextAsync(DraftSaved());
        await Page.SaveScreenshotAsync("autosaved");

        await Page.ReloadAsync();

        await Expect(Page.GetByLabel("Topic")).ToHaveValueAsync("Distress tolerance: the TIPP skills");
        await Expect(Member("Lena Okafor").GetByLabel("Participation")).ToHaveValueAsync(LenaParticipation);
        await Expect(Member("Marcus Bell").GetByLabel("Risk", new() { Exact = true })).ToHaveValueAsync("low");
        await Expect(Member("Marcus Bell").GetByLabel("Plan")).ToHaveValueAsync(MarcusPlan);
        await Expect(Page.GetByTestId("note-status")).ToHaveTextAsync("Draft");
        await Page.SaveScreenshotAsync("reloaded");

        string? confirm = null;
        Page.Dialog += async (_, dialog) =>
        {
            confirm = dialog.Message;
            await dialog.AcceptAsync();
        };
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign note" }).ClickAsync();

        await Expect(Page.GetByTestId("note-status")).ToHaveTextAsync(SignedByAnna());
        Assert.StartsWith("Sign and lock this note?", confirm, StringComparison.Ordinal);
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The note is signed and locked.");
        await Expect(Page.GetByLabel("Topic")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign note" })).ToHaveCountAsync(0);
        await Expect(Page.GetByText(LenaParticipation)).ToBeVisibleAsync();
        await Expect(Page.GetByText("low: Passive thoughts, no plan; safety plan reviewed")).ToBeVisibleAsync();
        await Page.SaveScreenshotAsync("signed");

        await Page.GetByLabel("Add an addendum").FillAsync("Marcus phoned after the session; safety plan confirmed.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign and add" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Addendum added.");
        var addenda = Page.GetByTestId("addenda").Locator("li");
        await Expect(addenda).ToHaveCountAsync(1);
        await Expect(addenda).ToContainTextAsync("Marcus phoned after the session; safety plan confirmed.");
        await Expect(addenda).ToContainTextAsync(new Regex(@"Signed by Anna Freud, \d{2}/\d{2}/\d{4} \d{1,2}:\d{2} (AM|PM)"));
        await Page.SaveScreenshotAsync("addendum");

        await Page.GotoAsync($"/Clients/{lena}");

        var note = Page.GetByTestId("chart-note");
        await Expect(note).ToHaveCountAsync(1);
        await Expect(note).ToContainTextAsync("Distress tolerance: the TIPP skills");
        await Expect(note).ToContainTextAsync(LenaParticipation);
        await Expect(note).ToContainTextAsync("signed");
        await Expect(Page.Locator("body")).Not.ToContainTextAsync(MarcusParticipation);
        await Expect(Page.Locator("body")).Not.ToContainTextAsync(MarcusPlan);
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("chain analysis");
        await Page.SaveScreenshotAsync("lena-chart");
    }
}
