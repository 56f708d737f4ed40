using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Features.Reminders;
using Caseload.Web.Workers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Caseload.Web.Tests.Reminders;

/// <summary>A database made for one fixture and dropped after it, which several app instances may share.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public virtual Task CreateAsync() => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"caseload-reminders-{Guid.NewGuid():N}.db");

    public override string Provider => "sqlite";

    public override string ConnectionString => $"Data Source={_file}";

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _database = $"caseload_reminders_{Guid.NewGuid():N}";

    public override string Provider => "postgres";

    public override string ConnectionString => $"{Server};Database={_database}";

    /// <summary>Set by ./test.sh, which starts a throw-away PostgreSQL cluster.</summary>
    private static string Server => Environment.GetEnvironmentVariable("CASELOAD_TEST_POSTGRES")
        ?? throw new InvalidOperationException("CASELOAD_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL for the tests.");

    public override async Task CreateAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

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
public class ReminderApp(TestDatabase database, ReminderChannels channels, bool ownsDatabaseAndChannels) : CaseloadApp
{
    public static readonly TimeSpan TextTimeout = TimeSpan.FromSeconds(3);

    public SmtpInbox Inbox => channels.Inbox;

    public TextApi Texts => channels.Texts;

    public override string Provider => database.Provider;

    protected override string ConnectionString => database.ConnectionString;

    /// <summary>Another instance on this one's database and channels, as behind a load balancer, its clock at the same instant.</summary>
    public ReminderApp Beside()
    {
        var other = new ReminderApp(database, channels, ownsDatabaseAndChannels: false);
        other.Time.SetUtcNow(Time.GetUtcNow());
        _ = other.Services;
        return other;
    }

    public override async ValueTask InitializeAsync()
    {
        if (ownsDatabaseAndChannels)
        {
            await database.CreateAsync();
        }
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
        && (worker == typeof(ReminderWorker) || worker == typeof(InvoiceWorker));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabaseAndChannels)
        {
            await database.DisposeAsync();
            await channels.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteReminderApp() : ReminderApp(new SqliteTestDatabase(), new ReminderChannels(), ownsDatabaseAndChannels: true);

public sealed class PostgresReminderApp() : ReminderApp(new PostgresTestDatabase(), new ReminderChannels(), ownsDatabaseAndChannels: true);
