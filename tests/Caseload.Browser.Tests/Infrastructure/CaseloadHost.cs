using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Caseload.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel, where a browser can reach it, over a SQLite file of its own and
/// configured as the web tests configure theirs.
/// </summary>
public sealed class CaseloadHost : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.example";
    public const string Password = "Test-password-1";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"caseload-browser-{Guid.NewGuid():N}.db");

    /// <summary>Port 0 binds 127.0.0.1 on a free port, so parallel runs never collide.</summary>
    public CaseloadHost() => UseKestrel(0);

    /// <summary>Tuesday 1 December 2026, 10:00 in New York: screenshots show the same day on every run.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

    /// <summary>Where the started server listens, such as http://127.0.0.1:41234/.</summary>
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
        builder.UseEnvironment("Testing");
        builder.UseSetting("Caseload:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Caseload", $"Data Source={_file}");
        builder.UseSetting("Caseload:SeedDemo", "false");
        builder.UseSetting("CASELOAD_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("CASELOAD_ADMIN_PASSWORD", Password);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
    }

    /// <summary>
    /// Makes a staff user over the API, so a journey starts from the user it needs, and returns their email,
    /// made from the name: give each journey a name of its own.
    /// </summary>
    public async Task<string> AddStaffAsync(string displayName, params string[] roles)
    {
        using var admin = CreateClient();
        var login = await admin.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = Password });
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<JsonElement>();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());

        var email = $"{displayName.Replace(' ', '.').ToLowerInvariant()}@test.example";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, password = Password, displayName, roles });
        created.EnsureSuccessStatusCode();
        return email;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}
