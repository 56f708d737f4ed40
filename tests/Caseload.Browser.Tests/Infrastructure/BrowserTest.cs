using Microsoft.Playwright;

namespace Caseload.Browser.Tests.Infrastructure;

/// <summary>Gives each test a browser context of its own, so no cookie or page state leaks between journeys.</summary>
public abstract class BrowserTest(CaseloadSite site) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage? _page;

    protected CaseloadSite Site => site;

    protected IPage Page => _page ?? throw new InvalidOperationException("The page opens in InitializeAsync.");

    public async ValueTask InitializeAsync()
    {
        _context = await site.NewContextAsync();
        _page = await _context.NewPageAsync();
    }

    /// <summary>Signs in through the form, as a person would, and waits for the dashboard.</summary>
    protected Task SignInAsync(string email, string password = CaseloadApp.Password) => SignInAsync(Page, email, password);

    /// <summary>Signs in on another page of the journey, such as a second browser context's.</summary>
    protected static async Task SignInAsync(IPage page, string email, string password = CaseloadApp.Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(new Uri(page.Url), "/").ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result is TestResult.Failed && _page is not null)
        {
            await _page.SaveScreenshotAsync("failed");
        }

        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        GC.SuppressFinalize(this);
    }
}
