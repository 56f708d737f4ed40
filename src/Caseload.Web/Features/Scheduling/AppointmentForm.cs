using Caseload.Domain;
using Caseload.Domain.Scheduling;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Features.Scheduling;

/// <summary>One row of the invitee list in the new-appointment window.</summary>
public sealed class InviteeRow
{
    public string ClientId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Billing { get; set; } = "";

    public bool CreateInvoice { get; set; } = true;
}

/// <summary>The new-appointment window's fields, in the order a person fills them (rule 2).</summary>
public sealed class AppointmentForm
{
    public bool IsGroup { get; set; }

    public string? ClinicianId { get; set; }

    public string? ServiceCode { get; set; }

    /// <summary>The kind the service code was last defaulted for, so ticking Group Appointment suggests 90853.</summary>
    public bool? CodeForGroup { get; set; }

    /// <summary>The code the duration was last defaulted from, so a changed code brings its own length.</summary>
    public string? DurationFrom { get; set; }

    public string? GroupId { get; set; }

    /// <summary>The group whose members the invitee list was filled from.</summary>
    public string? InviteesFrom { get; set; }

    public string? ClientId { get; set; }

    public bool ClientCreateInvoice { get; set; } = true;

    public List<InviteeRow> Invitees { get; set; } = [];

    public string? Date { get; set; }

    public string? Time { get; set; }

    public int? DurationMinutes { get; set; }

    public string? Location { get; set; }

    public string? Memo { get; set; }

    /// <summary>none, weekly or monthly.</summary>
    public string Repeat { get; set; } = "none";

    public int Interval { get; set; } = 1;

    /// <summary>count or until.</summary>
    public string EndsBy { get; set; } = "count";

    public int? Count { get; set; } = 8;

    public string? Until { get; set; }

    /// <summary>
    /// The booking the form asks for. A wall-clock time the practice zone skips (spring forward) is
    /// resolved here as the appointment resolves it, so a series keeps the time its first session got.
    /// </summary>
    public Outcome<BookAppointmentCommand> ToCommand(DateTimeZone zone)
    {
        if (ParseLocal(Date, Time) is not { } local)
        {
            return Refusal.Invalid("start", "Give the date and the time.");
        }

        var frequency = Repeat switch
        {
            "weekly" => Frequency.Weekly,
            "monthly" => Frequency.MonthlyByWeekday,
            _ => (Frequency?)null,
        };
        var until = default(LocalDate?);
        if (frequency is not null && EndsBy == "until" && !string.IsNullOrWhiteSpace(Until))
        {
            var (parsed, refusal) = SupportedDates.Parse(Until, "recurrence.until");
            if (refusal is not null)
            {
                return refusal;
            }

            until = parsed;
        }

        var recurrence = frequency is { } repeat ? new Recurrence(repeat, Interval, EndsBy == "count" ? Count : null, until) : null;
        IReadOnlyList<InviteeChoice>? invitees = IsGroup
            ? [.. Invitees.Select(i => new InviteeChoice(i.ClientId, i.CreateInvoice))]
            : ClientId is null ? null : [new InviteeChoice(ClientId, ClientCreateInvoice)];
        return new BookAppointmentCommand(IsGroup ? AppointmentKind.Group : AppointmentKind.Individual, ClinicianId, ServiceCode,
            IsGroup ? GroupId : null, IsGroup ? null : ClientId, Appointment.Resolve(local, zone).LocalDateTime, DurationMinutes, Location, Memo,
            invitees, recurrence);
    }

    public static LocalDateTime? ParseLocal(string? date, string? time)
    {
        var d = LocalDatePattern.Iso.Parse(date ?? "");
        var t = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(time ?? "");
        return d.Success && t.Success && SupportedDates.Contains(d.Value) ? d.Value + t.Value : null;
    }

    /// <summary>How an interval reads in the window: "Every week", "Every 2 weeks", "Every month".</summary>
    public static string EveryText(string repeat, int interval)
    {
        var unit = repeat == "monthly" ? "month" : "week";
        return interval == 1 ? $"Every {unit}" : $"Every {interval} {unit}s";
    }

    /// <summary>Where an API field's message goes in the window.</summary>
    public static string FieldFor(string apiField) => apiField switch
    {
        "start" => nameof(Date),
        "kind" => nameof(IsGroup),
        "recurrence" => nameof(Repeat),
        "recurrence.frequency" => nameof(Repeat),
        "recurrence.interval" => nameof(Interval),
        "recurrence.count" => nameof(Count),
        "recurrence.until" => nameof(Until),
        _ => char.ToUpperInvariant(apiField[0]) + apiField[1..],
    };
}
