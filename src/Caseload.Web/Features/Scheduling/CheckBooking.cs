using Caseload.Domain;
using Caseload.Domain.Scheduling;

namespace Caseload.Web.Features.Scheduling;

/// <summary>What saving would warn about, without saving: the window shows it before Save, the API at <c>POST /appointments/check</c>.</summary>
public sealed class CheckBooking(BookingPlanner planner)
{
    public async Task<Outcome<List<Conflict>>> HandleAsync(BookAppointmentCommand command, CancellationToken ct)
    {
        var plan = await planner.PlanAsync(command, ct);
        if (!plan.Succeeded)
        {
            return plan.AsOutcome;
        }

        List<Conflict> warnings = [.. await planner.ConflictsAsync(plan.Value, ct)];
        return warnings;
    }
}
