using System.Diagnostics;
using System.Reflection;
using Caseload.Web.Workers;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Caseload.Web.Setup;

/// <summary>
/// OpenTelemetry traces, metrics and logs, sent over OTLP when an endpoint is configured and not at all otherwise
/// (off by default: a practice on one machine has no collector). Traces: each request, each database command
/// (EF Core, on SQLite and PostgreSQL alike), each outgoing HTTP call (text messages) and each worker run. Metrics:
/// the request, HTTP client, EF Core, Npgsql and runtime meters and the app's own (<see cref="Metrics"/>).
/// </summary>
/// <remarks>
/// The endpoint comes from <c>Caseload:Telemetry:OtlpEndpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>;
/// the protocol from <c>Caseload:Telemetry:OtlpProtocol</c> or <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>
/// (<c>grpc</c>, the default, or <c>http/protobuf</c>). The in-process parts (the meter, the worker states and the
/// recent errors of the System page) are there either way.
/// </remarks>
public static class Telemetry
{
    public const string ServiceName = "caseload";

    /// <summary>The source of the worker runs' activities.</summary>
    public static readonly ActivitySource Workers = new("Caseload.Workers");

    /// <summary>This build's version, as the project file and the build set it.</summary>
    public static string Version { get; } =
        typeof(Telemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Telemetry).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static void AddCaseloadTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Metrics>();
        builder.Services.AddSingleton<WorkerStates>();
        builder.Services.AddScoped<WorkQueues>();
        builder.Services.AddSingleton<RecentErrors>();
        builder.Services.AddSingleton<ILoggerProvider, RecentErrors.Provider>();

        var config = builder.Configuration;
        var endpoint = config["Caseload:Telemetry:OtlpEndpoint"] ?? config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        var protocol = (config["Caseload:Telemetry:OtlpProtocol"] ?? config["OTEL_EXPORTER_OTLP_PROTOCOL"]) switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException(
                $"Caseload:Telemetry:OtlpProtocol is '{other}'; give grpc or http/protobuf."),
        };

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: Version, serviceInstanceId: Leases.Instance))
            .WithTracing(t => t
                .AddSource(Workers.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Probes every few seconds would drown the requests people make.
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);

                    // A calendar feed's address is its secret: the trace keeps the route, not the token.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.Path.StartsWithSegments("/calendar", StringComparison.Ordinal))
                        {
                            activity.SetTag("url.path", "/calendar/{token}.ics");
                        }
                    };
                })
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(m => m
                .AddMeter(Metrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql", "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter(protocol, new Uri(endpoint));
    }
}
