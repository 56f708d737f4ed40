using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using NodaTime;

namespace Caseload.Domain.Scheduling;

/// <summary>What the new-appointment window or the API asks for.</summary>
/// <param name="Invitees">For a group: a subset of its current members; null means all of them, each invoiced (rule 2).</param>
public sealed record BookingRequest(
    AppointmentKind Kind,
    string ClinicianId,
    string ServiceCode,
    Group? Group,
    Client? Client,
    SessionSlot Slot,
    string? Memo,
    IReadOnlyList<InviteeChoice>? Invitees,
    Recurrence? Recurrence);

public sealed record Booked(IReadOnlyList<Appointment> Appointments, Series? Series);

/// <summary>Rules 2–4: who may be invited, the snapshot of the roster, and the expansion of a series.</summary>
public static class Booking
{
    /// <param name="clients">Every client the request names, looked up across the practice.</param>
    public static (Booked? Booked, Outcome Outcome) Book(
        BookingRequest request, IReadOnlyDictionary<string, Client> clients, DateTimeZone zone, Instant now)
    {
        var refusals = request.Slot.Validate().ToList();
        if (TextLimits.Check(request.Memo, TextLimits.Memo, "memo") is { } tooLong)
        {
            refusals.Add(tooLong);
        }

        var invitees = request.Kind == AppointmentKind.Group
            ? GroupInvitees(request, clients, refusals)
            : IndividualInvitee(request, refusals);
        var firstDate = Appointment.Resolve(request.Slot.Start, zone).Date;
        if (request.Recurrence is { } recurrence)
        {
            refusals.AddRange(recurrence.Validate(firstDate));
        }

        if (refusals.Count > 0)
        {
            return (null, Outcome.From(refusals));
        }

        var series = request.Recurrence is null ? null : new Series(request.Recurrence, firstDate);
        var dates = request.Recurrence?.Dates(firstDate) ?? [firstDate];
        var appointments = dates
            .Select(date => Appointment.Create(request.Kind, request.ClinicianId, request.ServiceCode, request.Group?.Id, series?.Id,
                request.Slot with { Start = date + request.Slot.Start.TimeOfDay }, request.Memo, invitees, zone, now))
            .ToList();
        return (new Booked(appointments, series), Outcome.Done);
    }

    private static List<InviteeChoice> GroupInvitees(BookingRequest request, IReadOnlyDictionary<string, Client> clients, List<Refusal> refusals)
    {
        if (request.Group is not { } group)
        {
            refusals.Add(Refusal.Invalid("groupId", "Choose the group."));
            return [];
        }

        if (group.ClinicianId != request.ClinicianId)
        {
            refusals.Add(Refusal.Invalid("groupId", $"{group.Name} is run by another clinician."));
        }

        if (group.IsArchived)
        {
            refusals.Add(Refusal.Invalid("groupId", $"{group.Name} is archived."));
        }

        var members = group.CurrentMembers.Select(m => m.ClientId).ToHashSet();
        var chosen = request.Invitees ?? [.. group.CurrentMembers.Select(m => new InviteeChoice(m.ClientId, CreateInvoice: true))];
        foreach (var invitee in chosen)
        {
            if (!clients.TryGetValue(invitee.ClientId, out var client))
            {
                refusals.Add(Refusal.Invalid("invitees", "One of the invitees is not a client of the practice."));
            }
            else if (client.ClinicianId != request.ClinicianId)
            {
                refusals.Add(new Refusal(RefusalCodes.ClientNotYours, "One of the invitees is on another clinician's caseload.", "invitees"));
            }
            else if (!members.Contains(invitee.ClientId))
            {
                refusals.Add(Refusal.Invalid("invitees", $"{client.FullName} is not a current member of {group.Name}."));
            }
        }

        if (chosen.Count == 0)
        {
            refusals.Add(Refusal.Invalid("invitees", $"{group.Name} has no one to invite. Add members to the group first."));
        }

        if (chosen.Select(i => i.ClientId).Distinct().Count() != chosen.Count)
        {
            refusals.Add(Refusal.Invalid("invitees", "A client is listed twice."));
        }

        return [.. chosen];
    }

    private static List<InviteeChoice> IndividualInvitee(BookingRequest request, List<Refusal> refusals)
    {
        if (request.Client is not { } client)
        {
            refusals.Add(Refusal.Invalid("clientId", "Choose the client."));
            return [];
        }

        if (client.ClinicianId != request.ClinicianId)
        {
            refusals.Add(new Refusal(RefusalCodes.ClientNotYours, "That client is on another clinician's caseload.", "clientId"));
        }
        else if (!client.IsActive)
        {
            refusals.Add(Refusal.Invalid("clientId", $"{client.FullName} is discharged."));
        }

        var createInvoice = request.Invitees is [{ } only] ? only.CreateInvoice : true;
        return [new InviteeChoice(client.Id, createInvoice)];
    }
}
