using Caseload.Domain;

namespace Caseload.Web.Features.Scheduling;

/// <param name="ExpectedVersion">The version the person last saw, or null to take any.</param>
public sealed record CancelAppointmentCommand(string Id, int? ExpectedVersion);

/// <summary>Cancels an appointment; it stays on the calendar, marked, and its reminders are called off.</summary>
public sealed class CancelAppointment(AppointmentChanges changes)
{
    public async Task<Outcome<AppointmentView>> HandleAsync(CancelAppointmentCommand command, CancellationToken ct)
    {
        var loaded = await changes.LoadAsync(command.Id, command.ExpectedVersion, ct);
        if (!loaded.Succeeded)
        {
            return loaded.AsOutcome;
        }

        var outcome = loaded.Value.Cancel();
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        return await changes.SaveAsync(command.Id, [command.Id], ct);
    }
}
