using NodaTime;

namespace Caseload.Domain.Scheduling;

/// <summary>One line of an appointment's history: who changed its invitees or attendance, when, and what.</summary>
public sealed class AppointmentEvent
{
    private AppointmentEvent()
    {
    }

    public AppointmentEvent(string appointmentId, string by, Instant at, string what)
    {
        Id = Guid.CreateVersion7().ToString("N");
        AppointmentId = appointmentId;
        By = by;
        At = at;
        What = what.Length > 500 ? what[..500] : what;
    }

    public string Id { get; private set; } = "";

    public string AppointmentId { get; private set; } = "";

    public string By { get; private set; } = "";

    public Instant At { get; private set; }

    public string What { get; private set; } = "";
}
