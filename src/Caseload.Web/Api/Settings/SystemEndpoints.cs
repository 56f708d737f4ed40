using Caseload.Domain.Reminders;
using Caseload.Web.Auth;
using Caseload.Web.Features.Settings.SystemStatus;
using NodaTime;

namespace Caseload.Web.Api.Settings;

public sealed record SystemWorkerDto(
    string Name,
    int EverySeconds,
    string? LastRun,
    string? LastSuccess,
    string? LastFailure,
    int? LastDone,
    bool RunningNow,
    string? NextRun,
    string? LeaseHolder,
    string? LeaseExpiresAt,
    bool LeaseHeldHere);

public sealed record SystemQueuesDto(
    int RemindersDueEmail,
    int RemindersDueText,
    int RemindersSending,
    int RemindersUncertain,
    int InvoicesDue,
    double InvoiceIssuingLagSeconds);

public sealed record SystemErrorDto(string At, string Source, string Level, string Message, string? Exception);

/// <summary>The System page as JSON: this instance's workers and errors, the shared queues and the versions.</summary>
public sealed record SystemDto(
    string Instance,
    string Version,
    string Database,
    string? SchemaVersion,
    string LatestMigration,
    int PendingMigrations,
    string ReadAt,
    IReadOnlyList<SystemWorkerDto> Workers,
    SystemQueuesDto Queues,
    IReadOnlyList<SystemErrorDto> Errors)
{
    public static SystemDto From(SystemStatusView s)
    {
        string? At(Instant? at) => at is { } instant ? Wire.Time(instant, s.Zone) : null;
        return new(s.Instance, s.Version, s.Database, s.SchemaVersion, s.LatestMigration, s.PendingMigrations, Wire.Time(s.ReadAt, s.Zone),
            [.. s.Workers.Select(w => new SystemWorkerDto(w.Worker, (int)w.Every.TotalSeconds, At(w.LastRun), At(w.LastSuccess), At(w.LastFailure),
                w.LastDone, w.RunningNow, At(w.NextRun), w.LeaseHolder, At(w.LeaseExpiresAt), w.LeaseHeldHere))],
            new SystemQueuesDto(s.Queues.RemindersDue.GetValueOrDefault(Channel.Email), s.Queues.RemindersDue.GetValueOrDefault(Channel.Text),
                s.Queues.RemindersSending, s.Queues.RemindersUncertain, s.Queues.InvoicesDue, s.InvoiceIssuingLag.TotalSeconds),
            [.. s.Errors.Select(e => new SystemErrorDto(Wire.Time(e.At, s.Zone), e.Source, e.Level, e.Message, e.Exception))]);
    }
}

internal static class SystemEndpoints
{
    public static void MapSystemStatus(this RouteGroupBuilder api) =>
        api.MapGet("/system", async (ReadSystemStatus read, CancellationToken ct) => SystemDto.From(await read.HandleAsync(ct)))
            .RequireAuthorization(Policies.Administers)
            .WithTags("System");
}
