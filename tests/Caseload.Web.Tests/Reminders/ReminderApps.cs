using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Features.Reminders;
using Caseload.Web.Workers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Caseload.Web.Tests.Reminders;

/// <summary>The SMTP server and the text message API the app's reminders go to, both inside the test.</summary>
public sealed class ReminderChannels : IAsyncDisposable
{
    public const string FromAddress = "reminders@practice.test";

    public SmtpInbox Inbox { get; } = new();

    public TextApi Texts { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await Inbox.DisposeAsync();
        Texts.Dispose();
    }
}

/// <summary>
/// The real app with email and text reminders switched on, pointed at <see cref="ReminderChannels"/>,
/// its background workers run by the test rather than by their timers.
/// It may own its database and channels (a test class's fixture) or share another instance's (a
/// second instance behind the load balancer, or the same app started again).
/// </summary>
public class ReminderApp(TestDatabase database, ReminderChannels channels, bool ownsDatabaseAndChannels)
    : CaseloadApp(database, ownsDatabaseAndChannels)
{
    public static readonly TimeSpan TextTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Where the practice says clients reach it, for the links of emails sent in the background.</summary>
    public const string PublicAddress = "https://caseload.practice.example/";

    public SmtpInbox Inbox => channels.Inbox;

    public TextApi Texts => channels.Texts;

    /// <summary>Another instance on this one's database and channels, as behind a load balancer, its clock at the same instant.</summary>
    public ReminderApp Beside()
    {
        var other = new ReminderApp(Database, channels, ownsDatabaseAndChannels: false);
        other.Time.SetUtcNow(Time.GetUtcNow());
        _ = other.Services;
        return other;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Caseload:Email:Host", "127.0.0.1");
        builder.UseSetting("Caseload:Email:Port", channels.Inbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Caseload:Email:Security", "None");
        builder.UseSetting("Caseload:Email:FromAddress", ReminderChannels.FromAddress);
        builder.UseSetting("Caseload:Text:BaseUrl", channels.Texts.BaseUrl);
        builder.UseSetting("Caseload:Text:AccountSid", TextApi.AccountSid);
        builder.UseSetting("Caseload:Text:AuthToken", TextApi.AuthToken);
        builder.UseSetting("Caseload:Text:From", TextApi.From);
        builder.UseSetting("Caseload:PublicAddress", PublicAddress);
        builder.ConfigureServices(services =>
        {
            // The tests run the workers themselves, at the moments they choose. The app's own timers
            // would tick once per period of every day the test clock is turned (thousands of runs),
            // and race the test's assertions; two instances racing is what TwoInstanceReminderTests is for.
            foreach (var worker in services.Where(IsTimedWorker).ToList())
            {
                services.Remove(worker);
            }

            // A text service that stops answering is given up on after 3 seconds rather than 20.
            services.AddHttpClient<TextDelivery>(c => c.Timeout = TextTimeout);
        });
    }

    private static bool IsTimedWorker(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService) && !service.IsKeyedService
        && service.ImplementationFactory?.GetType().GenericTypeArguments[^1] is { } worker
        && (worker == typeof(ReminderWorker) || worker == typeof(InvoiceWorker) || worker == typeof(WaitlistWorker));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase)
        {
            await channels.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteReminderApp() : ReminderApp(new SqliteTestDatabase(), new ReminderChannels(), ownsDatabaseAndChannels: true);

public sealed class PostgresReminderApp() : ReminderApp(new PostgresTestDatabase(), new ReminderChannels(), ownsDatabaseAndChannels: true);
