using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Notes;
using Caseload.Domain.Reminders;
using Caseload.Domain.Scheduling;
using NodaTime;

namespace Caseload.Bench;

/// <summary>
/// What a practice's past looks like once its sessions have happened, made with the domain's own
/// verbs: reminders planned at booking and sent when due, invoices issued on the session's day from
/// the client's billing settings, attendance marked (one invitee in twenty missed, with a fee),
/// most invoices paid, and a note for every session held (signed, but for the last three weeks' drafts). Nothing is left for the app's
/// workers to catch up on: every invoice due is issued and every reminder due is sent.
/// </summary>
internal sealed class PracticeHistory(
    IReadOnlyDictionary<string, Client> clients,
    IReadOnlyDictionary<string, ServiceCode> codes,
    IReadOnlyList<int> leadHours,
    LocalDate today,
    Instant now)
{
    public const int MissedOneIn = 20;
    public const int UnpaidOneIn = 10;
    public const decimal FallbackMissedCharge = 60.00m;

    private static readonly SharedSection IndividualNote = new("Coping with work stress", "CBT: thought records, behavioural activation", null, 45);
    private static readonly SharedSection GroupNote = new("Skills review", "Psychoeducation, skills practice, role play", "Members shared homework and gave feedback", 90);

    private long _counter;

    /// <summary>Everything made for the appointments of one booked series, to add to the database.</summary>
    public sealed record Rows(List<Reminder> Reminders, List<Invoice> Invoices, List<Payment> Payments, List<SessionNote> Notes)
    {
        public int Count => Reminders.Count + (2 * Invoices.Count) + (2 * Payments.Count) + Notes.Count;
    }

    /// <param name="bookedAt">When the series was booked: its reminders were planned then.</param>
    /// <param name="signer">The clinician's display name, as a signature records it.</param>
    public Rows Live(IReadOnlyList<Appointment> appointments, Instant bookedAt, string signer)
    {
        var rows = new Rows([], [], [], []);
        foreach (var appointment in appointments)
        {
            var reminders = ReminderPlan.Reconcile(appointment.Id, [], ReminderPlan.For(appointment, clients, leadHours, bookedAt));
            foreach (var reminder in reminders.Where(r => r.DueAt <= now))
            {
                reminder.Delivered(reminder.DueAt);
            }

            rows.Reminders.AddRange(reminders);
            if (appointment.Date > today)
            {
                continue;
            }

            var code = codes[appointment.ServiceCode];
            foreach (var invitee in appointment.Invitees.ToList())
            {
                Attend(appointment, invitee.ClientId, code, rows);
            }

            if (appointment.EndsAt <= now)
            {
                rows.Notes.Add(Note(appointment, signer, sign: appointment.EndsAt <= now - UnsignedFor));
            }
        }

        return rows;
    }

    /// <summary>The day's invoice, then (once the session is over) attendance: attended and paid, mostly.</summary>
    private void Attend(Appointment appointment, string clientId, ServiceCode code, Rows rows)
    {
        var client = clients[clientId];
        var session = new BilledSession(appointment.Id, clientId, appointment.Date, code.Code, code.Description, code.Fee, appointment.IsTelehealth);
        var invoice = Invoice.ForSession(session, client.Billing, appointment.Date);
        rows.Invoices.Add(invoice);
        if (appointment.EndsAt > now)
        {
            return;
        }

        var n = ++_counter;
        if (n % MissedOneIn == 0)
        {
            var charge = client.MissedSessionFee ?? FallbackMissedCharge;
            Check(appointment.MarkMissed(clientId, "Did not come and did not call.", charge, "Front desk", appointment.Date, appointment.EndsAt));
            Check(invoice.Void("The client missed the session."));
            var missed = Invoice.ForMissedSession(session, charge, appointment.Date);
            rows.Invoices.Add(missed);
            if (charge > 0 && n % (2 * MissedOneIn) == 0)
            {
                Pay(clientId, missed, appointment, rows);
            }

            return;
        }

        Check(appointment.MarkAttended(clientId, attended: true, appointment.Date));
        if (invoice.ClientOwes > 0 && n % UnpaidOneIn != 1)
        {
            Pay(clientId, invoice, appointment, rows);
        }
    }

    private static void Pay(string clientId, Invoice invoice, Appointment appointment, Rows rows)
    {
        var (payment, outcome) = Payment.Receive(clientId, invoice.ClientOwes, PaymentMethod.Card, appointment.Date, null,
            PaymentAllocation.ToOne(invoice, invoice.ClientOwes), appointment.EndsAt + Duration.FromMinutes(5));
        Check(outcome);
        rows.Payments.Add(payment!);
    }

    /// <summary>How far back notes are still drafts: the sessions whose attendance may still be marked directly (rule 13).</summary>
    private static readonly Duration UnsignedFor = Duration.FromDays(21);

    private static SessionNote Note(Appointment appointment, string signer, bool sign)
    {
        var note = SessionNote.Start(appointment, appointment.EndsAt);
        var members = appointment.Invitees
            .Select(i => new MemberSection(i.ClientId, i.Status, "Engaged throughout", "Steady progress toward goals",
                "Euthymic, full range", Risk.None, null, "Continue weekly; practise the skill twice before next session"))
            .ToList();
        var shared = appointment.Kind == AppointmentKind.Group ? GroupNote : IndividualNote;
        Check(note.SaveDraft(shared, members, appointment, appointment.EndsAt + Duration.FromMinutes(30)));
        if (sign)
        {
            Check(note.Sign(signer, appointment.EndsAt + Duration.FromHours(2)));
        }

        return note;
    }

    private static void Check(Caseload.Domain.Outcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Generating the practice's history: {outcome.First?.Message}");
        }
    }
}
