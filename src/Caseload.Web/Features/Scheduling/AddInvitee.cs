using Caseload.Domain;

namespace Caseload.Web.Features.Scheduling;

public sealed record AddInviteeCommand(string AppointmentId);

/// <summary>Rule 5: appointments that exist keep the roster they were saved with; there are two supported ways to change it.</summary>
public sealed class AddInvitee(AppointmentChanges changes)
{
    public static Refusal NoLateAdditions => new(RefusalCodes.NoLateAdditions,
        "A client cannot be added to an appointment that already exists. Delete the future appointments and book them again, " +
        "or use Sync roster to future appointments on the group's page.");

    public async Task<Outcome> HandleAsync(AddInviteeCommand command, CancellationToken ct) =>
        await changes.IsVisibleAsync(command.AppointmentId, ct) ? NoLateAdditions : Refusal.NotFound("Not found.");
}
