using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using StaffAccount = Caseload.Web.Data.StaffUser;
using Caseload.Web.Setup;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Account;

/// <summary>The app on a database it shares with earlier starts, with the demo practice seeded on the first.</summary>
public sealed class DemoStart(TestDatabase database, bool resetDemoPassword) : CaseloadApp(database, ownsDatabase: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Caseload:SeedDemo", "true");
        builder.UseSetting("Caseload:ResetDemoPassword", resetDemoPassword ? "true" : "false");
    }
}

/// <summary>
/// First run: the demo password is printed once; a later start with <c>Caseload__ResetDemoPassword=true</c> gives the demo
/// accounts a new one, printed once the same way, so a lost password is never a dead end.
/// </summary>
public abstract partial class DemoPasswordTests(Func<TestDatabase> newDatabase)
{
    private const string DemoAdmin = "dana@riverbend.example";

    /// <summary>Held by a test that reads what the app prints, and by any test starting a demo practice, which prints.</summary>
    internal static readonly SemaphoreSlim ConsoleTaken = new(1, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"password for all of them: (Demo-\S+)")]
    private static partial Regex PrintedPassword();

    /// <summary>Starts the app and returns what it printed while starting.</summary>
    private static async Task<(DemoStart App, string Printed)> StartAsync(TestDatabase database, bool reset)
    {
        await ConsoleTaken.WaitAsync(Ct);
        var console = Console.Out;
        var printed = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(printed));
        try
        {
            var app = new DemoStart(database, reset);
            _ = app.Services;
            return (app, printed.ToString());
        }
        finally
        {
            Console.SetOut(console);
            ConsoleTaken.Release();
        }
    }

    private static async Task<HttpStatusCode> SignInAsync(DemoStart app, string password)
    {
        using var client = app.CreateClient();
        return (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoAdmin, password }, Ct)).StatusCode;
    }

    [Fact]
    public async Task ResetDemoPassword_OnALaterStart_PrintsANewPasswordThatSignsIn_AndTheOldOneNoLonger()
    {
        await using var database = newDatabase();
        await database.CreateAsync();
        var (first, firstPrinted) = await StartAsync(database, reset: false);
        var original = PrintedPassword().Match(firstPrinted).Groups[1].Value;
        Assert.NotEmpty(original);
        await first.DisposeAsync();

        var (second, secondPrinted) = await StartAsync(database, reset: true);
        await using var _ = second;

        var renewed = PrintedPassword().Match(secondPrinted).Groups[1].Value;
        Assert.NotEmpty(renewed);
        Assert.NotEqual(original, renewed);
        Assert.Contains(DemoAdmin, secondPrinted, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(second, renewed));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(second, original));
    }

    [Fact]
    public async Task ALaterStartWithoutTheSetting_PrintsNoPassword_AndKeepsTheFirst()
    {
        await using var database = newDatabase();
        await database.CreateAsync();
        var (first, firstPrinted) = await StartAsync(database, reset: false);
        var original = PrintedPassword().Match(firstPrinted).Groups[1].Value;
        await first.DisposeAsync();

        var (second, secondPrinted) = await StartAsync(database, reset: false);
        await using var _ = second;

        Assert.DoesNotMatch(PrintedPassword(), secondPrinted);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(second, original));
    }
}

/// <summary>Every demo password the app can make passes the staff password policy, so seeding never fails by chance.</summary>
public sealed class DemoPasswordPolicyTests
{
    [Fact]
    public async Task EveryGeneratedDemoPassword_PassesTheStaffPasswordPolicy()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var user = new StaffAccount { UserName = "demo@example.test", Email = "demo@example.test" };

        for (var i = 0; i < 2000; i++)
        {
            var password = DemoPractice.NewPassword();
            foreach (var validator in users.PasswordValidators)
            {
                var outcome = await validator.ValidateAsync(users, user, password);
                Assert.True(outcome.Succeeded, $"{password}: {string.Join("; ", outcome.Errors.Select(e => e.Description))}");
            }
        }
    }
}

public sealed class DemoPasswordSqliteTests() : DemoPasswordTests(() => new SqliteTestDatabase());

public sealed class DemoPasswordPostgresTests() : DemoPasswordTests(() => new PostgresTestDatabase());
