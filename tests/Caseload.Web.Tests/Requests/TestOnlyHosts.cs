using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Requests;

/// <summary>
/// The app as nginx reaches it: every request arrives from <see cref="Proxy"/>, the one address
/// <c>Caseload:TrustedProxies</c> names, or from <see cref="Stranger"/> when the test sends <c>X-Test-Peer: stranger</c>.
/// It also has one route that fails, to show what a server error looks like.
/// </summary>
public static class TestOnlyHosts
{
    public static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");

    public static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.9");

    public const string FailingPath = "/test-only/fail";

    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Caseload:TrustedProxies", $"{Proxy},192.168.50.0/24");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, Peers>());
    }

    private sealed class Peers : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers["X-Test-Peer"] == "stranger" ? Stranger : Proxy;
                return following(context);
            });
            next(app);
            // Reached only by a request no page or endpoint answered: the app's error handling wraps it.
            app.Run(context =>
            {
                if (context.Request.Path == FailingPath)
                {
                    throw new InvalidOperationException("A failure made by the test.");
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        };
    }
}

public sealed class BehindProxySqliteApp() : CaseloadApp(new SqliteTestDatabase(), ownsDatabase: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TestOnlyHosts.Configure(builder);
    }
}

public sealed class BehindProxyPostgresApp() : CaseloadApp(new PostgresTestDatabase(), ownsDatabase: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TestOnlyHosts.Configure(builder);
    }
}
