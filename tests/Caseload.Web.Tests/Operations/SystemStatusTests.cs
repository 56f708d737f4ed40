using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;
using Caseload.Web.Workers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Operations;

/// <summary>
/// Settings → System and <c>GET /api/v1/system</c>: each worker's runs and lease, the queues, the versions and this
/// instance's last errors, for administrators only, and never a client's name or address.
/// </summary>
public abstract class SystemStatusTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> SystemAsync()
    {
        using var admin = await app.AdminAsync();
        var response = await admin.GetAsync("/api/v1/system", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static JsonElement Worker(JsonElement system, string name) =>
        Assert.Single(system.GetProperty("workers").EnumerateArray(), w => w.GetProperty("name").GetString() == name);

    private static int Queue(JsonElement system, string name) => system.GetProperty("queues").GetProperty(name).GetInt32();

    [Fact]
    public async Task Admin_SeesBothWorkers_TheAppVersion_AndTheLastMigrationAsTheSchemaVersion()
    {
        var system = await SystemAsync();

        var latest = await app.InDatabaseAsync(db => Task.FromResult(db.Database.GetMigrations().Last()));
        Assert.Equal(latest, system.GetProperty("schemaVersion").GetString());
        Assert.Equal(latest, system.GetProperty("latestMigration").GetString());
        Assert.Equal(0, system.GetProperty("pendingMigrations").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(system.GetProperty("version").GetString()));
        Assert.Equal(app.Provider == "postgres" ? "PostgreSQL" : "SQLite", system.GetProperty("database").GetString());
        Assert.Equal(60, Worker(system, "InvoiceWorker").GetProperty("everySeconds").GetInt32());
        Assert.Equal(30, Worker(system, "ReminderWorker").GetProperty("everySeconds").GetInt32());
    }

    [Fact]
    public async Task AnInvoiceWorkerRun_ShowsItsLastRunSuccessAndNextRun_AndThisInstanceAsTheLeaseHolder()
    {
        await app.RunInvoiceWorkerAsync();
        var ranAt = Wire(app.Now());

        var worker = Worker(await SystemAsync(), "InvoiceWorker");

        Assert.Equal(ranAt, worker.GetProperty("lastRun").GetString());
        Assert.Equal(ranAt, worker.GetProperty("lastSuccess").GetString());
        Assert.Equal(Wire(app.Now() + Duration.FromMinutes(1)), worker.GetProperty("nextRun").GetString());
        Assert.False(worker.GetProperty("runningNow").GetBoolean());
        Assert.Equal(Leases.Instance, worker.GetProperty("leaseHolder").GetString());
        Assert.True(worker.GetProperty("leaseHeldHere").GetBoolean());
    }

    [Fact]
    public async Task DueReminders_AndInvoicesWhoseDayCame_AreCountedInTheQueues_UntilTheWorkersRun()
    {
        await app.RunReminderWorkerAsync();
        await app.RunInvoiceWorkerAsync();
        var setup = await app.RemindedGroupAsync((true, false), (true, false));
        var start = RemindersApi.At(app, days: 3);
        await setup.Http.BookOneAsync(setup.Session(start));

        app.TurnClockTo(InstantOf(start) - Duration.FromHours(48) + Duration.FromMinutes(1));
        var waiting = await SystemAsync();
        app.TurnClockTo(InstantOf(start) + Duration.FromHours(3));
        var dayCame = await SystemAsync();
        await app.RunInvoiceWorkerAsync();
        var issued = await SystemAsync();

        Assert.Equal(2, Queue(waiting, "remindersDueEmail"));
        Assert.Equal(0, Queue(waiting, "invoicesDue"));
        Assert.Equal(2, Queue(dayCame, "invoicesDue"));
        Assert.True(dayCame.GetProperty("queues").GetProperty("invoiceIssuingLagSeconds").GetDouble() > Duration.FromHours(3).TotalSeconds);
        Assert.Equal(0, Queue(issued, "invoicesDue"));
        Assert.Equal(0, issued.GetProperty("queues").GetProperty("invoiceIssuingLagSeconds").GetDouble());
    }

    [Theory]
    [InlineData("Clinician")]
    [InlineData("Scheduler")]
    [InlineData("Biller")]
    public async Task AnyoneButAnAdministrator_Gets403FromTheApi_AndTheNotAllowedPage(string role)
    {
        var staff = await app.StaffAsync(role);
        using var browser = await app.SignInWithTheCookieAsync(staff.Email);

        var api = await staff.Client.GetAsync("/api/v1/system", Ct);
        var page = await browser.GetAsync("/Settings/System", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/AccessDenied", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastErrors_KeepTheMessagesOwnWordsAndTheExceptionType_ButNeverTheClientsNameOrAddress()
    {
        var clinician = await app.StaffAsync("Clinician");
        var client = await clinician.Client.RemindedClientAsync(clinician.ClinicianId!, email: true, text: false, firstName: "Zephyrine");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Caseload.Web.Features.Reminders.ReminderDispatch");
#pragma warning disable CA1848, CA2254 // A log call as the app's code could write it, with the client's details where no code should put them.
        logger.LogError(
            new InvalidOperationException($"Mailbox {client.Email} of Zephyrine is full", new IOException("Zephyrine's server hung up")),
            "Reminder {ReminderId} to {Email} for {ClientName} failed after {Attempts} attempts", "r-123", client.Email, "Zephyrine", 4);
#pragma warning restore CA1848, CA2254

        var system = await SystemAsync();
        using var admin = await app.SignInWithTheCookieAsync(CaseloadApp.AdminEmail);
        var page = await admin.GetStringAsync("/Settings/System", Ct);

        var error = system.GetProperty("errors").EnumerateArray().First();
        Assert.Equal("Reminder r-123 to {Email} for {ClientName} failed after 4 attempts", error.GetProperty("message").GetString());
        Assert.Equal("InvalidOperationException (IOException)", error.GetProperty("exception").GetString());
        Assert.Equal("Error", error.GetProperty("level").GetString());
        Assert.Contains("Reminder r-123 to {Email} for {ClientName} failed after 4 attempts", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        foreach (var secret in new[] { "Zephyrine", client.Email, "Mailbox", "hung up" })
        {
            Assert.DoesNotContain(secret, system.GetRawText(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, page, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task TheSystemPage_ShowsTheWorkersQueuesAndVersions_ToAnAdministrator()
    {
        await app.RunInvoiceWorkerAsync();
        using var admin = await app.SignInWithTheCookieAsync(CaseloadApp.AdminEmail);

        var page = await admin.GetAsync("/Settings/System", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-worker=\"InvoiceWorker\"", html, StringComparison.Ordinal);
        Assert.Contains("data-worker=\"ReminderWorker\"", html, StringComparison.Ordinal);
        Assert.Contains("data-queue=\"invoices-due\"", html, StringComparison.Ordinal);
        var latest = await app.InDatabaseAsync(db => Task.FromResult(db.Database.GetMigrations().Last()));
        Assert.Contains(latest, html, StringComparison.Ordinal);
    }

    private static string Wire(Instant instant) => Caseload.Web.Api.Wire.Time(instant, NewYork);
}

public sealed class SystemStatusSqliteTests(SqliteReminderApp app) : SystemStatusTests(app), IClassFixture<SqliteReminderApp>;

public sealed class SystemStatusPostgresTests(PostgresReminderApp app) : SystemStatusTests(app), IClassFixture<PostgresReminderApp>;
