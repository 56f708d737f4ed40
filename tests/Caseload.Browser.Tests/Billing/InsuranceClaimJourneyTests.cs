using System.Globalization;
using System.Text;
using Caseload.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caseload.Browser.Tests.Billing;

/// <summary>
/// Insurance billing from end to end in the browser: the practice's billing identity, a client's insurance with two
/// diagnoses, a group session attended, its claim not ready until the clinician's NPI is in, then batched, its 837P
/// downloaded, and the payer's 835 applied (twice, the second time changing nothing): the payer owes nothing more and
/// the client owes the deductible the payer named.
/// </summary>
/// <remarks>The journey sets the practice's billing identity and phone, so it has an app of its own.</remarks>
public sealed class InsuranceClaimJourneyTests(CaseloadSite site) : BrowserTest(site)
{
    private const string Clinician = "Helen Durant";
    private const string Payer = "Harborview Health Plan";

    [Fact]
    public async Task InsuredGroupSession_IsClaimedBatchedAndPaidByAnEra_LeavingThePayerOwingNothingAndTheClientTheDeductible()
    {
        await using var host = new KestrelApp();
        await host.InitializeAsync();
        await using var context = await Site.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await host.AddStaffAsync(Clinician, "Clinician");
        var insured = await host.AddClientAsync(Clinician, "Marisol", "Quintero", "1984-03-22");
        var selfPay = await host.AddClientAsync(Clinician, "Dov", "Albrecht", "1990-11-05");
        var fee = await host.PracticeFeeAsync("90853");
        await SignInAsync(page, CaseloadApp.AdminEmail);

        await SetUpThePracticeAsync(page);
        await GiveTheClientInsuranceAsync(page, insured);
        var group = await host.AddGroupAsync(Clinician, "Thursday mood skills", insured, selfPay);
        var session = await host.AddGroupAppointmentAsync(Clinician, group, "2026-12-01T08:30");
        await page.GotoAsync($"/Appointments/{session}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark all attended" }).ClickAsync();
        await Expect(page.GetByTestId("attendance-status")).ToHaveTextAsync(["attended", "attended"]);

        var number = await SeeTheClaimNotReadyThenReadyAsync(page, fee);
        await BatchAndDownloadAsync(page, number, fee);
        await ApplyTheRemittanceTwiceAsync(page, number, fee);

        await page.GotoAsync("/Billing/Claims?status=paid");
        await page.GetByTestId("claims").GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(page.GetByTestId("claim-status").First).ToHaveTextAsync("paid");
        await Expect(page.GetByTestId("payer-balance")).ToHaveTextAsync("0.00");
        await Expect(page.GetByTestId("claim-history")).ToContainTextAsync("Remittance (835) EFT-HV-0412");
        await Expect(page.GetByTestId("claim-history")).ToContainTextAsync("CO-45 5.00, PR-1 25.00");
        await page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-claim-paid.png") });

        await page.GotoAsync("/Billing");
        await Expect(page.GetByTestId("payer-ageing")).ToContainTextAsync("Nothing outstanding.");
        await page.GotoAsync($"/Clients/{insured}/Ledger");
        var invoice = page.GetByTestId("invoices").Locator("tbody tr");
        await Expect(invoice.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("25.00");
        await Expect(page.GetByTestId("ledger-claims").Locator("tbody tr").GetByRole(AriaRole.Cell))
            .ToHaveTextAsync([number, "12/01/2026", Payer, "paid", Money(fee), Money(fee - 30), "25.00", "0.00"]);
        await Expect(BalanceCard(page)).ToHaveTextAsync("25.00");
        await page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-ledger-patient-responsibility.png") });

        await page.GetByRole(AriaRole.Link, new() { Name = "Superbill" }).ClickAsync();
        await Expect(page.GetByTestId("superbill-practice")).ToContainTextAsync("NPI 1234567893");
        await Expect(page.GetByTestId("superbill-diagnoses").Locator("li")).ToHaveTextAsync(["F33.1", "F41.1"]);
        await Expect(page.GetByTestId("superbill-services").Locator("tbody tr").GetByRole(AriaRole.Cell)).ToHaveTextAsync(
            ["12/01/2026", "90853 Group psychotherapy (not a multiple-family group)", "", "11 office", $"{Clinician} NPI 1245319599", Money(fee), "0.00"]);
        await page.SaveScreenshotAsync("superbill");
        await page.GetByTestId("superbill").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-superbill.png") });
    }

    /// <summary>The billing provider and clearinghouse on the practice settings, a mistyped NPI refused beside its field first.</summary>
    private static async Task SetUpThePracticeAsync(IPage page)
    {
        await page.GotoAsync("/Settings/Practice");
        await page.GetByLabel("Contact phone (shown in reminders)").FillAsync("(212) 555-0142");
        await page.GetByLabel("Billing name").FillAsync("Riverside Group Therapy");
        await page.GetByLabel("Group NPI").FillAsync("1234567890");
        await page.GetByLabel("Tax id (EIN)").FillAsync("12-3456789");
        await page.GetByLabel("Taxonomy code").FillAsync("261qm0801x");
        await page.GetByLabel("Street address").FillAsync("400 Riverside Drive");
        await page.GetByLabel("City").FillAsync("New York");
        await page.GetByLabel("State", new() { Exact = true }).FillAsync("NY");
        await page.GetByLabel("ZIP code").FillAsync("10025");
        await page.GetByLabel("Clearinghouse name").FillAsync("Claimway");
        await page.GetByLabel("Receiver id").FillAsync("CLAIMWAY");
        await page.GetByLabel("Submitter id").FillAsync("RGT0042");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();

        await Expect(page.Locator("[data-valmsg-for='Input.BillingProvider.Npi']"))
            .ToHaveTextAsync("This is not a valid NPI: it has 10 digits and the last is a check digit.");
        await Expect(page.GetByText("Practice settings saved.")).ToHaveCountAsync(0);
        await page.GetByTestId("billing-provider").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-practice-npi-refused.png") });

        await page.GetByLabel("Group NPI").FillAsync("1234567893");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Practice settings saved.");
        await Expect(page.GetByLabel("Taxonomy code")).ToHaveValueAsync("261QM0801X");
        await Expect(page.GetByLabel("Group NPI")).ToHaveValueAsync("1234567893");
        await page.GetByTestId("billing-provider").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-practice-identity.png") });
    }

    /// <summary>Insurance on the client's form: payer, member id, copay, payer id and two diagnoses, put in order with the arrows.</summary>
    private static async Task GiveTheClientInsuranceAsync(IPage page, string clientId)
    {
        await page.GotoAsync($"/Clients/Edit/{clientId}");
        await page.GetByLabel("Insurance", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Insurance payer").FillAsync(Payer);
        await page.GetByLabel("Member id").FillAsync("HVP-4471-09");
        await page.GetByLabel("Copay").FillAsync("20.00");
        await page.GetByLabel("Payer id").FillAsync("HVP01");
        await Expect(page.GetByLabel("Holder's given name")).ToBeHiddenAsync();
        await Diagnosis(page, "Diagnosis 1 (primary)").FillAsync("f41.1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a diagnosis" }).ClickAsync();
        await Diagnosis(page, "Diagnosis 2").FillAsync("F33.1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move diagnosis 2 up" }).ClickAsync();

        await Expect(Diagnosis(page, "Diagnosis 1 (primary)")).ToHaveValueAsync("F33.1");
        await Expect(Diagnosis(page, "Diagnosis 2")).ToHaveValueAsync("f41.1");
        await page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-client-insurance.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/Clients/{clientId}$"));
        await page.GotoAsync($"/Clients/Edit/{clientId}");
        await Expect(Diagnosis(page, "Diagnosis 1 (primary)")).ToHaveValueAsync("F33.1");
        await Expect(Diagnosis(page, "Diagnosis 2")).ToHaveValueAsync("F41.1");
        await Expect(Diagnosis(page, "Diagnosis 3")).ToHaveValueAsync("");
    }

    /// <summary>The claim waits among the not-ready ones, naming the clinician's NPI; once it is entered the claim is ready.</summary>
    private static async Task<string> SeeTheClaimNotReadyThenReadyAsync(IPage page, decimal fee)
    {
        await page.GotoAsync("/Billing");
        await page.GetByRole(AriaRole.Link, new() { Name = "Claims", Exact = true }).ClickAsync();
        await page.GetByTestId("claim-statuses").GetByRole(AriaRole.Link, new() { Name = "Not ready" }).ClickAsync();
        var rows = page.GetByTestId("claims").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Marisol Quintero");
        await rows.GetByRole(AriaRole.Link, new() { Name = "C" }).First.ClickAsync();

        var problems = page.GetByTestId("claim-problems");
        await Expect(problems).ToContainTextAsync("The clinician");
        await Expect(page.GetByTestId("claim-facts")).ToContainTextAsync("1. F33.1 (primary)");
        await Expect(page.GetByTestId("claim-lines").Locator("tbody tr").GetByRole(AriaRole.Cell)).ToHaveTextAsync(["12/01/2026", "90853", "", "1", Money(fee)]);
        await page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-claim-not-ready.png") });
        var number = (await page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First.InnerTextAsync()).Split(' ')[1];

        await problems.GetByRole(AriaRole.Link, new() { Name = "fix it" }).First.ClickAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(Clinician);
        await page.GetByLabel("Individual NPI").FillAsync("1245319599");
        await page.GetByLabel("Taxonomy code").FillAsync("101YM0800X");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save billing identity" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Billing identity saved: claims name this clinician by it.");

        await page.GotoAsync("/Billing/Claims");
        await Expect(page.GetByTestId("claims").Locator("tbody tr")).ToContainTextAsync(number);
        return number;
    }

    private static async Task BatchAndDownloadAsync(IPage page, string number, decimal fee)
    {
        await page.GetByLabel($"Send claim {number}").CheckAsync();
        await page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-claims-ready.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a batch" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Batch \d+$"));
        await Expect(page.GetByTestId("batch-claims").Locator("tbody tr").GetByRole(AriaRole.Cell))
            .ToHaveTextAsync([number, "Marisol Quintero", "12/01/2026 90853", Payer, "F33.1, F41.1", "ready", Money(fee)]);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download 837P" }).ClickAsync());
        var file = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("ISA*", file, StringComparison.Ordinal);
        Assert.Contains("ST*837*", file, StringComparison.Ordinal);
        Assert.Contains($"CLM*{number}*{fee.ToString("0.##", CultureInfo.InvariantCulture)}*", file, StringComparison.Ordinal);
        Assert.Contains("HI*ABK:F331*ABF:F411~", file, StringComparison.Ordinal);
        Assert.Contains("NM1*85*2*Riverside Group Therapy*****XX*1234567893~", file, StringComparison.Ordinal);
        Assert.Contains("*XX*1245319599~", file, StringComparison.Ordinal);

        await page.ReloadAsync();
        await Expect(page.GetByTestId("batch-state")).ToContainTextAsync("its claims are submitted");
        await Expect(page.GetByTestId("batch-claims").GetByTestId("claim-status")).ToHaveTextAsync("submitted");
        await page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-batch.png") });

        await page.GotoAsync("/Billing");
        await Expect(page.GetByTestId("payer-ageing").Locator("tbody tr").Filter(new() { HasText = Payer }).GetByRole(AriaRole.Cell).Last)
            .ToHaveTextAsync(Money(fee - 20));
    }

    /// <summary>
    /// The payer's 835 for the claim: paid all but a 25.00 deductible (PR-1) and a 5.00 contractual write-off (CO-45),
    /// beside a claim payment of another practice's that matches no claim here.
    /// </summary>
    private static async Task ApplyTheRemittanceTwiceAsync(IPage page, string number, decimal fee)
    {
        var era = Era(number, fee);
        await page.GotoAsync("/Billing/Remittances");
        await page.SaveScreenshotAsync("remittance-form");
        await page.GetByLabel("835 file").SetInputFilesAsync(new FilePayload { Name = "harborview-1201.835", MimeType = "text/plain", Buffer = Encoding.ASCII.GetBytes(era) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply remittance" }).ClickAsync();

        await Expect(page.GetByTestId("remittance-notice")).ToHaveTextAsync("Applied: 1 claim posted, 1 kept for review.");
        await Expect(page.GetByTestId("applied").Locator("tbody tr").GetByRole(AriaRole.Cell))
            .ToHaveTextAsync([number, "Marisol Quintero", "paid", Money(fee - 30), "25.00", "PR-1 25.00, CO-45 5.00"]);
        var kept = page.GetByTestId("unmatched").Locator("tbody tr");
        await Expect(kept).ToHaveCountAsync(1);
        await Expect(kept).ToContainTextAsync("C0000000000000099");
        await Expect(kept).ToContainTextAsync("No claim has this number.");
        await page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "billing-remittance-applied.png") });

        await page.GetByLabel("835 file").SetInputFilesAsync(new FilePayload { Name = "harborview-1201.835", MimeType = "text/plain", Buffer = Encoding.ASCII.GetBytes(era) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply remittance" }).ClickAsync();

        await Expect(page.GetByTestId("remittance-notice")).ToHaveTextAsync("This file was applied before: nothing changed.");
        await Expect(kept).ToHaveCountAsync(1);
    }

    private static string Era(string number, decimal fee)
    {
        var paid = fee - 30;
        var date = "20261204";
        string[] body =
        [
            "ST*835*0001",
            $"BPR*I*{X12(paid + 80)}*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*{date}",
            "TRN*1*EFT-HV-0412*1512345678",
            $"DTM*405*{date}",
            $"N1*PR*{Payer}",
            "N3*1 Harbor Way",
            "N4*Albany*NY*12207",
            "PER*BL*Provider Services*TE*8005550199",
            "N1*PE*Riverside Group Therapy*XX*1234567893",
            "LX*1",
            $"CLP*{number}*1*{X12(fee)}*{X12(paid)}*25*12*HV2026120401",
            "CAS*PR*1*25",
            "NM1*QC*1*Quintero*Marisol****MI*HVP-4471-09",
            $"SVC*HC:90853*{X12(fee)}*{X12(paid)}**1",
            "DTM*472*20261201",
            "CAS*CO*45*5",
            "CLP*C0000000000000099*1*100*80*0*12*HV2026120402",
            "NM1*QC*1*Elsewhere*Someone****MI*HVP-0000-00",
            "SVC*HC:90834*100*80**1",
            "DTM*472*20261130",
            "CAS*CO*45*20",
        ];
        var segments = body.Append($"SE*{body.Length + 1}*0001");
        return string.Join("~\n", [
            "ISA*00*          *00*          *ZZ*HARBORVIEW     *ZZ*RGT0042        *261204*0900*^*00501*000000812*0*P*:",
            "GS*HP*HARBORVIEW*RGT0042*20261204*0900*812*X*005010X221A1",
            .. segments,
            "GE*1*812",
            "IEA*1*000000812",
        ]) + "~\n";
    }

    private static ILocator Diagnosis(IPage page, string label) => page.GetByRole(AriaRole.Textbox, new() { Name = label, Exact = true });

    private static ILocator BalanceCard(IPage page) =>
        page.GetByTestId("balance").Locator(".card").Filter(new() { HasText = "Balance" }).Locator(".fs-4");

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string X12(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
}
