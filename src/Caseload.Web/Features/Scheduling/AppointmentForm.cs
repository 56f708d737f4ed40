using Caseload.Domain.Practices;
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

    public AppointmentInput ToInput(Practice practice)
    {
        var start = ParseLocal(Date, Time) is { } local
            ? OffsetDateTimePattern.Rfc3339.Format(Appointment.Resolve(local, practice.Zone).ToOffsetDateTime())
            : null;
        var recurrence = Repeat is "weekly" or "monthly"
            ? new RecurrenceInput(Repeat, Interval, EndsBy == "count" ? Count : null, EndsBy == "until" ? Until : null)
            : null;
        var invitees = IsGroup
            ? Invitees.Select(i => new InviteeInput(i.ClientId, i.CreateInvoice)).ToList()
            : ClientId is null ? null : [new InviteeInput(ClientId, ClientCreateInvoice)];
        return new AppointmentInput(IsGroup ? "group" : "individual", ClinicianId, ServiceCode, IsGroup ? GroupId : null,
            IsGroup ? null : ClientId, start, DurationMinutes, Location, Memo, invitees, recurrence);
    }

    public static LocalDateTime? ParseLocal(string? date, string? time)
    {
        var d = LocalDatePattern.Iso.Parse(date ?? "");
        var t = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(time ?? "");
        return d.Success && t.Success ? d.Value + t.Value : null;
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
