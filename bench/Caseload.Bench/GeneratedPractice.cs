using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Web.Api.Scheduling;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Bench;

/// <summary>The ids and dates the scenarios need, read from the generated database before the app starts.</summary>
internal sealed record GeneratedPractice(
    DateTimeZone Zone,
    LocalDate Today,
    IReadOnlyList<(string Id, string Email)> Clinicians,
    IReadOnlyDictionary<string, List<string>> GroupsByClinician,
    IReadOnlyList<(string AppointmentId, List<string> ClientIds)> GroupSessions,
    int AppointmentCount,
    int InviteeCount,
    int InvoiceCount)
{
    public const int SeriesWeeks = 52;

    public static async Task<GeneratedPractice> ReadAsync(BenchOptions options, string connection)
    {
        await using var db = options.CreateDbContext(connection);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var zone = (await db.Practices.AsNoTracking().SingleAsync()).Zone;
        var clinicians = await db.Clinicians.AsNoTracking()
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { c.Id, u.Email })
            .Where(c => c.Email!.EndsWith("@" + BenchStaff.Domain))
            .OrderBy(c => c.Email)
            .ToListAsync();
        if (clinicians.Count == 0)
        {
            throw new InvalidOperationException("No generated practice in this database: run `generate` first.");
        }

        var now = Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());
        var first = clinicians[0].Id;
        var sessions = await db.Appointments.AsNoTracking()
            .Where(a => a.ClinicianId == first && a.Kind == AppointmentKind.Group && a.StartsAt < now
                && !db.Notes.Any(n => n.AppointmentId == a.Id && n.Status == NoteStatus.Signed))
            .OrderByDescending(a => a.StartsAt)
            .Take(20)
            .Select(a => new { a.Id, Clients = a.Invitees.Where(i => i.Status != InviteeStatus.Missed).Select(i => i.ClientId).ToList() })
            .ToListAsync();
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.ClinicianId }).ToListAsync();
        return new GeneratedPractice(
            zone,
            now.InZone(zone).Date,
            [.. clinicians.Select(c => (c.Id, c.Email!))],
            groups.GroupBy(g => g.ClinicianId).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToList()),
            [.. sessions.Select(s => (s.Id, s.Clients))],
            await db.Appointments.CountAsync(),
            await db.Set<Invitee>().CountAsync(),
            await db.Invoices.CountAsync());
    }

    /// <summary>The Monday of calendar week i: from half a year back to half a year ahead, one per request.</summary>
    public LocalDate WeekStart(int i) => Today.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).PlusWeeks((i % 52) - 26);

    /// <summary>The query string of calendar week i (Monday to Sunday).</summary>
    public string Week(int i)
    {
        var from = WeekStart(i);
        return $"from={LocalDatePattern.Iso.Format(from)}&to={LocalDatePattern.Iso.Format(from.PlusDays(6))}";
    }

    /// <summary>
    /// Series i goes to a group of clinician i mod n, on a Saturday from next week, at a two-hourly
    /// slot of its own (later slots a year further on): the slots are free, so the conflict query
    /// reads the clinician's and members' sessions in range but reports nothing.
    /// </summary>
    public AppointmentInput GroupSeries(int i)
    {
        var clinicianId = Clinicians[i % Clinicians.Count].Id;
        var slot = i / Clinicians.Count;
        var groups = GroupsByClinician[clinicianId];
        var date = Today.PlusDays(7).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Saturday)).PlusWeeks(SeriesWeeks * (slot / 8));
        var start = Appointment.Resolve(date + new LocalTime(6 + (2 * (slot % 8)), 0), Zone);
        return new AppointmentInput("group", clinicianId, "90853", groups[slot % groups.Count], null,
            OffsetDateTimePattern.Rfc3339.Format(start.ToOffsetDateTime()), 90, null, null, null,
            new RecurrenceInput("weekly", 1, SeriesWeeks, null));
    }
}
