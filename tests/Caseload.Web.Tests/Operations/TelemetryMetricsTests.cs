using System.Diagnostics.Metrics;
using System.Net;
using Caseload.Web.Setup;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.CalendarFeeds;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;
using Caseload.Web.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NodaTime;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Operations;

/// <summary>
/// The Caseload meter reports what happens: reminders sent and failed over a real SMTP server, reminders due,
/// the invoice issuing lag, claim conflicts between two instances and calendar feed latency. Each collector listens
/// to one app's own meter (from its meter factory), so apps of other tests running beside never count here.
/// </summary>
public abstract class TelemetryMetricsTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(app.Services.GetRequiredService<IMeterFactory>(), Metrics.MeterName, instrument);

    private static long Sum(MetricCollector<long> collector, string tag, object value) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    /// <summary>A group session four days on with one member reminded by email, and the instant its 48-hour reminder is due.</summary>
    private async Task<(Reminded Member, Instant Due)> EmailReminderAsync()
    {
        var setup = await app.RemindedGroupAsync((true, false));
        var start = RemindersApi.At(app, days: 4);
        await setup.Http.BookOneAsync(setup.Session(start));
        return (setup.Members[0], InstantOf(start) - Duration.FromHours(48));
    }

    [Fact]
    public async Task ASentEmailReminder_RaisesRemindersSent_ForEmail_AndNoFailure()
    {
        var (member, due) = await EmailReminderAsync();
        app.TurnClockTo(due + Duration.FromMinutes(1));
        using var sent = Collect<long>("caseload.reminders.sent");
        using var failed = Collect<long>("caseload.reminders.failed");

        var delivered = await app.RunReminderWorkerAsync();

        Assert.Single(app.Inbox.To(member.Email));
        Assert.True(delivered >= 1);
        Assert.Equal(delivered, Sum(sent, "caseload.channel", "email"));
        Assert.Equal(0, Sum(sent, "caseload.channel", "text"));
        Assert.Empty(failed.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task AReminderTheMailServerRefuses_RaisesRemindersFailed_AsFinal_AndNotSent()
    {
        var (member, due) = await EmailReminderAsync();
        app.Inbox.Answer(member.Email, 550, "No such mailbox here");
        app.TurnClockTo(due + Duration.FromMinutes(1));
        using var sent = Collect<long>("caseload.reminders.sent");
        using var failed = Collect<long>("caseload.reminders.failed");

        await app.RunReminderWorkerAsync();

        Assert.Equal(1, app.Inbox.RefusedTo(member.Email));
        var failure = Assert.Single(failed.GetMeasurementSnapshot());
        Assert.Equal(1, failure.Value);
        Assert.Equal("email", failure.Tags["caseload.channel"]);
        Assert.Equal(true, failure.Tags["caseload.final"]);
        Assert.Equal(0, Sum(sent, "caseload.channel", "email"));
    }

    [Fact]
    public async Task RemindersDue_CountsTheDueOnesByChannel_AndFallsToZeroOnceTheWorkerSentThem()
    {
        await app.RunReminderWorkerAsync();
        var (_, due) = await EmailReminderAsync();
        using var gauge = Collect<int>("caseload.reminders.due");

        gauge.RecordObservableInstruments();
        var before = gauge.GetMeasurementSnapshot(clear: true).Single(m => Equals(m.Tags["caseload.channel"], "email")).Value;
        app.TurnClockTo(due + Duration.FromMinutes(1));
        gauge.RecordObservableInstruments();
        var whenDue = gauge.GetMeasurementSnapshot(clear: true).Single(m => Equals(m.Tags["caseload.channel"], "email")).Value;
        await app.RunReminderWorkerAsync();
        gauge.RecordObservableInstruments();
        var afterTheRun = gauge.GetMeasurementSnapshot(clear: true).Single(m => Equals(m.Tags["caseload.channel"], "email")).Value;

        Assert.Equal(0, before);
        Assert.True(whenDue >= 1, $"{whenDue} due");
        Assert.Equal(0, afterTheRun);
    }

    [Fact]
    public async Task InvoiceIssuingLag_IsTheAgeOfTheOldestDueInvoice_AndZeroOnceTheWorkerIssuedIt()
    {
        await app.RunInvoiceWorkerAsync();
        var setup = await app.RemindedGroupAsync((false, false));
        var tomorrow = RemindersApi.At(app, days: 1);
        await setup.Http.BookOneAsync(setup.Session(tomorrow));
        var dayBegan = InstantOf(tomorrow).InZone(NewYork).Date.AtStartOfDayInZone(NewYork).ToInstant();
        using var lag = Collect<double>("caseload.invoices.issuing_lag");

        lag.RecordObservableInstruments();
        var beforeTheDay = lag.LastMeasurement!.Value;
        app.TurnClockTo(dayBegan + Duration.FromHours(30));
        lag.RecordObservableInstruments();
        var waiting = lag.LastMeasurement!.Value;
        await app.RunInvoiceWorkerAsync();
        lag.RecordObservableInstruments();
        var issued = lag.LastMeasurement!.Value;

        Assert.Equal(0, beforeTheDay);
        Assert.Equal(Duration.FromHours(30).TotalSeconds, waiting);
        Assert.Equal(0, issued);
    }

    [Fact]
    public async Task AnInstanceFindingTheInvoiceLeaseHeldByAnother_RaisesClaimConflicts_ForInvoices_AndIssuesNothing()
    {
        using var conflicts = Collect<long>("caseload.worker.claim_conflicts");
        await app.HoldInvoiceLeaseElsewhereAsync(TimeSpan.FromMinutes(2));
        try
        {
            var whileHeld = await app.RunInvoiceWorkerAsync();

            Assert.Equal(0, whileHeld);
            var conflict = Assert.Single(conflicts.GetMeasurementSnapshot(clear: true));
            Assert.Equal("invoices", conflict.Tags["caseload.work"]);
        }
        finally
        {
            await app.ReleaseInvoiceLeaseAsync();
        }

        await app.RunInvoiceWorkerAsync();
        Assert.Empty(conflicts.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task ACalendarFeedRequest_IsTimedIntoFeedDuration_WithItsStatusCode()
    {
        var clinician = await app.StaffAsync("Clinician");
        var feed = await clinician.Client.CreateFeedAsync();
        using var duration = Collect<double>("caseload.feed.duration");

        var served = await app.FetchAsync(feed);
        var unknown = await app.FetchAsync("/calendar/" + new string('A', 43) + ".ics");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var measured = duration.GetMeasurementSnapshot();
        Assert.Equal(2, measured.Count);
        Assert.Contains(measured, m => Equals(m.Tags["http.response.status_code"], 200) && m.Value > 0);
        Assert.Contains(measured, m => Equals(m.Tags["http.response.status_code"], 404));
    }
}

public sealed class TelemetryMetricsSqliteTests(SqliteReminderApp app) : TelemetryMetricsTests(app), IClassFixture<SqliteReminderApp>;

public sealed class TelemetryMetricsPostgresTests(PostgresReminderApp app) : TelemetryMetricsTests(app), IClassFixture<PostgresReminderApp>;
