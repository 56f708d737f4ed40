namespace Caseload.Domain.Scheduling;

/// <summary>A warning, not a refusal: practices double-book on purpose now and then (a co-led group, a shared room).</summary>
public sealed record Conflict(string Code, string Message, string? AppointmentId = null);

public static class Conflicts
{
    /// <param name="existing">Scheduled appointments that may overlap the proposed ones (the caller narrows them by time).</param>
    /// <param name="dates">How the warnings write the other appointment's time: the practice's format (us when not given).</param>
    public static IReadOnlyList<Conflict> Find(
        IReadOnlyList<Appointment> proposed,
        IReadOnlyList<Appointment> existing,
        int? groupCapacity,
        Func<string, string> clientName,
        Practices.DateStyle? dates = null)
    {
        var conflicts = new List<Conflict>();
        if (groupCapacity is { } capacity && proposed.Count > 0 && proposed[0].Invitees.Count > capacity)
        {
            conflicts.Add(new Conflict("group-over-capacity",
                $"{proposed[0].Invitees.Count} invitees is more than the group's capacity of {capacity}."));
        }

        foreach (var mine in proposed)
        {
            foreach (var other in existing.Where(o => o.Id != mine.Id && o.Status == AppointmentStatus.Scheduled && o.Interval.Overlaps(mine.Interval)))
            {
                var when = (dates ?? Practices.DateStyle.Us).DayTime(other.Start);
                if (other.ClinicianId == mine.ClinicianId)
                {
                    conflicts.Add(new Conflict("clinician-double-booked", $"The clinician already has an appointment at {when}.", other.Id));
                }

                foreach (var shared in mine.Invitees.Select(i => i.ClientId).Intersect(other.Invitees.Select(i => i.ClientId)))
                {
                    conflicts.Add(new Conflict("client-double-booked", $"{clientName(shared)} already has an appointment at {when}.", other.Id));
                }

                if (mine.RoomKey is not null && mine.RoomKey == other.RoomKey)
                {
                    conflicts.Add(new Conflict("room-double-booked", $"{mine.Location} is already booked at {when}.", other.Id));
                }
            }
        }

        return conflicts;
    }

    private static bool Overlaps(this NodaTime.Interval a, NodaTime.Interval b) => a.Start < b.End && b.Start < a.End;
}
