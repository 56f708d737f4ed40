using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Caseload.Web.Tests.Operations;

/// <summary>The app with an OTLP endpoint configured as an operator would (the standard environment variables).</summary>
public sealed class ExportingApp(OtlpCollector collector) : CaseloadApp(new SqliteTestDatabase(), ownsDatabase: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Endpoint);
        builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");

        // Metrics and traces go every half second rather than every minute and every five seconds, so the test sees
        // both exported while the app runs instead of relying on the flush at shutdown.
        builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "500");
        builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "500");
    }
}

/// <summary>
/// OTLP export is off unless an endpoint is configured; with one, the request and database traces, the worker runs
/// and the metrics (the framework's and the Caseload meter's) reach the collector.
/// </summary>
public sealed class TelemetryExportTests(SqliteApp plain) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void WithoutAnEndpoint_NothingIsExported_NoTracerOrMeterProviderIsMade()
    {
        Assert.Null(plain.Services.GetService<TracerProvider>());
        Assert.Null(plain.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task WithAnOtlpEndpoint_RequestDatabaseAndWorkerTraces_AndTheCaseloadMetrics_ReachTheCollector()
    {
        using var collector = new OtlpCollector();
        await using (var app = new ExportingApp(collector))
        {
            await app.InitializeAsync();
            using var admin = await app.AdminAsync();
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/practice", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health/ready", Ct)).StatusCode);
            for (var waited = 0; waited < 120 && !Arrived(collector); waited++)
            {
                await Task.Delay(250, Ct);
            }
        }

        var traces = collector.Received("/v1/traces");
        var metrics = collector.Received("/v1/metrics");
        Assert.Contains("caseload", traces, StringComparison.Ordinal);
        Assert.Contains("/api/v1/practice", traces, StringComparison.Ordinal);
        Assert.Contains("Caseload.Workers", traces, StringComparison.Ordinal);
        Assert.Contains("InvoiceWorker", traces, StringComparison.Ordinal);
        Assert.Contains("OpenTelemetry.Instrumentation.EntityFrameworkCore", traces, StringComparison.Ordinal);
        Assert.DoesNotContain("/health/ready", traces, StringComparison.Ordinal);
        Assert.Contains("http.server.request.duration", metrics, StringComparison.Ordinal);
        Assert.Contains("caseload.reminders.due", metrics, StringComparison.Ordinal);
        Assert.Contains("caseload.invoices.issuing_lag", metrics, StringComparison.Ordinal);
    }

    private static bool Arrived(OtlpCollector collector) =>
        collector.Received("/v1/metrics").Contains("caseload.invoices.issuing_lag", StringComparison.Ordinal)
        && collector.Received("/v1/traces").Contains("InvoiceWorker", StringComparison.Ordinal)
        && collector.Received("/v1/traces").Contains("/api/v1/practice", StringComparison.Ordinal);
}
