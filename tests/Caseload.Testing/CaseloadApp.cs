using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Caseload.Testing;

/// <summary>
/// The real app against a real database of its own, with a clock the test turns. The HTTP tests
/// run one per provider, so every scenario runs on SQLite and on PostgreSQL; the browser tests
/// run one on Kestrel (<see cref="KestrelApp"/>). An app may instead share another's database
/// (a second instance behind a load balancer, or the same app started again): then the owner drops it.
/// </summary>
public abstract class CaseloadApp(TestDatabase database, bool ownsDatabase) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.example";
    public const string Password = "Test-password-1";

    /// <summary>Tuesday 1 December 2026, 10:00 in New York: every run, and every screenshot, starts on the same day.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

    public TestDatabase Database => database;

    public string Provider => database.Provider;

    /// <summary>Whether this app made its database and drops it, rather than sharing another instance's.</summary>
    protected bool OwnsDatabase => ownsDatabase;

    public virtual async ValueTask InitializeAsync()
    {
        if (ownsDatabase)
        {
            await database.CreateAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Caseload:Provider", database.Provider);
        builder.UseSetting("ConnectionStrings:Caseload", database.ConnectionString);
        builder.UseSetting("Caseload:SeedDemo", "false");
        builder.UseSetting("CASELOAD_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("CASELOAD_ADMIN_PASSWORD", Password);

        // Every test signs in from one address, many times: the sign-in throttle has its own tests.
        builder.UseSetting("Caseload:SignInThrottle:AttemptsPerAccount", "100000");
        builder.UseSetting("Caseload:SignInThrottle:AttemptsPerAddress", "100000");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : CaseloadApp(new SqliteTestDatabase(), ownsDatabase: true);

public sealed class PostgresApp() : CaseloadApp(new PostgresTestDatabase(), ownsDatabase: true);

/// <summary>The app on Kestrel over a SQLite file of its own, where a browser can reach it.</summary>
public sealed class KestrelApp : CaseloadApp
{
    /// <summary>Port 0 binds 127.0.0.1 on a free port, so parallel runs never collide.</summary>
    public KestrelApp()
        : base(new SqliteTestDatabase(), ownsDatabase: true) => UseKestrel(0);

    /// <summary>Where the started server listens, such as http://127.0.0.1:41234/.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }
}
