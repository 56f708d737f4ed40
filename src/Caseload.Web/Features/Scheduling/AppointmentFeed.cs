using System.Collections.Concurrent;
using Caseload.Domain.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Scheduling;

/// <summary>One appointment with what a calendar shows about it, read in the same query.</summary>
[FeatureApi]
public sealed record AppointmentView(
    string Id,
    AppointmentKind Kind,
    string ClinicianId,
    string ServiceCode,
    string? GroupId,
    string? SeriesId,
    LocalDateTime Start,
    Instant StartsAt,
    Instant EndsAt,
    int DurationMinutes,
    string? Location,
    string? Memo,
    AppointmentStatus Status,
    int Version,
    List<InviteeView> Invitees,
    string? GroupName,
    string? ClientName,
    string? ClinicianColor,
    bool HasPayment,
    Domain.Notes.NoteStatus? NoteStatus)
{
    /// <summary>Group appointments are light blue on every calendar (rule 11).</summary>
    public const string GroupColor = "#add8e6";

    public string Title => TitleOf(Kind, Kind == AppointmentKind.Group ? GroupName : ClientName, Invitees.Count);

    public string Color => ColorOf(Kind, ClinicianColor);

    /// <summary>A group's name and how many are invited; an individual appointment's client.</summary>
    public static string TitleOf(AppointmentKind kind, string? name, int invited) =>
        kind == AppointmentKind.Group ? $"{name} ({invited})" : name ?? "";

    public static string ColorOf(AppointmentKind kind, string? clinicianColor) =>
        kind == AppointmentKind.Group ? GroupColor : clinicianColor ?? "#6c757d";
}

[FeatureApi]
public sealed record InviteeView(string ClientId, InviteeStatus Status, bool CreateInvoice, string Name);

/// <summary>
/// One appointment as the calendar feed shows it, and nothing more: no invitee names (the title carries the one
/// an individual appointment shows), no version.
/// </summary>
/// <param name="Name">The group's name for a group appointment, the client's for an individual one.</param>
[FeatureApi]
public sealed record CalendarEntry(
    string Id,
    AppointmentKind Kind,
    string ClinicianId,
    string ServiceCode,
    string? GroupId,
    string? SeriesId,
    LocalDateTime Start,
    Instant StartsAt,
    Instant EndsAt,
    int DurationMinutes,
    string? Location,
    string? Memo,
    AppointmentStatus Status,
    List<CalendarInvitee> Invitees,
    string? Name,
    string? ClinicianColor,
    bool HasPayment,
    Domain.Notes.NoteStatus? NoteStatus)
{
    public string Title => AppointmentView.TitleOf(Kind, Name, Invitees.Count);

    public string Color => AppointmentView.ColorOf(Kind, ClinicianColor);
}

[FeatureApi]
public sealed record CalendarInvitee(string ClientId, InviteeStatus Status, bool CreateInvoice);

/// <summary>
/// The calendar feed: every appointment overlapping a range of days in the practice zone, with
/// titles and colours, in one database query, only of clinicians the asker may see.
/// </summary>
[FeatureApi]
public sealed class AppointmentFeed(CaseloadDbContext db, Caseloads caseloads, AuditTrail audit)
{
    public const int MaxDays = 366;

    public async Task<List<AppointmentView>> BetweenAsync(LocalDate from, LocalDate to, DateTimeZone zone, string? clinicianId, CancellationToken ct)
    {
        var views = await Project(await RangeAsync(from, to, zone, clinicianId, ct)).ToListAsync(ct);
        await AuditAsync(from, to, clinicianId, views.Count, ct);
        return views;
    }

    /// <summary>The same appointments as <see cref="BetweenAsync"/>, reading only what the calendar feed shows.</summary>
    public async Task<List<CalendarEntry>> CalendarAsync(LocalDate from, LocalDate to, DateTimeZone zone, string? clinicianId, CancellationToken ct)
    {
        var (start, end) = Bounds(from, to, zone);
        var (any, clinician) = await caseloads.AppointmentsOfAsync(clinicianId, ct);
        List<CalendarEntry> entries = any ? await CalendarQuery.For(db)(db, EarliestStart(start), start, end, clinician).ToListAsync(ct) : [];

        await AuditAsync(from, to, clinicianId, entries.Count, ct);
        return entries;
    }

    public async Task<List<AppointmentView>> ByIdsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        await Project((await caseloads.AppointmentsAsync(ct)).Where(a => ids.Contains(a.Id)).OrderBy(a => a.StartsAt)).ToListAsync(ct);

    public async Task<AppointmentView?> FindAsync(string id, CancellationToken ct) =>
        (await ByIdsAsync([id], ct)).FirstOrDefault();

    /// <summary>One appointment shown to a person (its page, the API): audited once for each invitee.</summary>
    public async Task<AppointmentView?> ReadAsync(string id, CancellationToken ct)
    {
        var view = await FindAsync(id, ct);
        if (view is not null)
        {
            await audit.ReadAsync(AuditEntities.Appointment, view.Id, view.Invitees.Select(i => (string?)i.ClientId), ct);
        }

        return view;
    }

    private async Task<IQueryable<Appointment>> RangeAsync(LocalDate from, LocalDate to, DateTimeZone zone, string? clinicianId, CancellationToken ct)
    {
        var (start, end) = Bounds(from, to, zone);
        var earliest = EarliestStart(start);
        var query = (await caseloads.AppointmentsAsync(ct)).Where(a => a.StartsAt > earliest && a.StartsAt < end && a.EndsAt > start);
        if (!string.IsNullOrEmpty(clinicianId))
        {
            query = query.Where(a => a.ClinicianId == clinicianId);
        }

        return query.OrderBy(a => a.StartsAt).ThenBy(a => a.Id);
    }

    private static (Instant Start, Instant End) Bounds(LocalDate from, LocalDate to, DateTimeZone zone) =>
        (from.AtStartOfDayInZone(zone).ToInstant(), to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());

    /// <summary>
    /// No session lasts longer than the longest slot, so a lower bound on the start lets the index stop at the range
    /// instead of reading all earlier history.
    /// </summary>
    private static Instant EarliestStart(Instant start) => start - Duration.FromMinutes(SessionSlot.MaxMinutes);

    private Task AuditAsync(LocalDate from, LocalDate to, string? clinicianId, int shown, CancellationToken ct) =>
        audit.ReadAsync(AuditEntities.Appointment, "list", (string?)null, ct,
            $"calendar {from:uuuu-MM-dd}..{to:uuuu-MM-dd} clinicianId={clinicianId} shown={shown}");

    private IQueryable<AppointmentView> Project(IQueryable<Appointment> appointments) =>
        appointments.AsNoTracking().Select(a => new AppointmentView(
            a.Id, a.Kind, a.ClinicianId, a.ServiceCode, a.GroupId, a.SeriesId, a.Start, a.StartsAt, a.EndsAt,
            a.DurationMinutes, a.Location, a.Memo, a.Status, a.Version,
            // Names by correlated lookups: a join here made the database list every invitee of the practice per request.
            a.Invitees.Select(i => new InviteeView(i.ClientId, i.Status, i.CreateInvoice,
                db.Clients.Where(c => c.Id == i.ClientId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefault() ?? "")).ToList(),
            db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.Name).FirstOrDefault(),
            a.Invitees.Select(i => db.Clients.Where(c => c.Id == i.ClientId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefault())
                .FirstOrDefault(),
            db.Clinicians.Where(c => c.Id == a.ClinicianId).Select(c => c.Color).FirstOrDefault(),
            db.Invoices.Any(i => i.AppointmentId == a.Id && db.Set<Domain.Billing.Allocation>().Any(al => al.InvoiceId == i.Id)),
            db.Notes.Where(n => n.AppointmentId == a.Id).Select(n => (Domain.Notes.NoteStatus?)n.Status).FirstOrDefault()));

    /// <summary>
    /// The feed's query, compiled once for each database provider: a compiled query keeps the provider it first ran
    /// on, and the tests run both providers in one process. A null clinician reads every clinician's appointments.
    /// </summary>
    private static class CalendarQuery
    {
        private static readonly ConcurrentDictionary<string, Func<CaseloadDbContext, Instant, Instant, Instant, string?, IAsyncEnumerable<CalendarEntry>>> ByProvider = new();

        public static Func<CaseloadDbContext, Instant, Instant, Instant, string?, IAsyncEnumerable<CalendarEntry>> For(CaseloadDbContext db) =>
            ByProvider.GetOrAdd(db.Database.ProviderName ?? "", _ => Compile());

        private static Func<CaseloadDbContext, Instant, Instant, Instant, string?, IAsyncEnumerable<CalendarEntry>> Compile() =>
            EF.CompileAsyncQuery((CaseloadDbContext db, Instant earliest, Instant start, Instant end, string? clinicianId) =>
                db.Appointments.AsNoTracking()
                    .Where(a => a.StartsAt > earliest && a.StartsAt < end && a.EndsAt > start && (clinicianId == null || a.ClinicianId == clinicianId))
                    .OrderBy(a => a.StartsAt).ThenBy(a => a.Id)
                    .Select(a => new CalendarEntry(
                        a.Id, a.Kind, a.ClinicianId, a.ServiceCode, a.GroupId, a.SeriesId, a.Start, a.StartsAt, a.EndsAt,
                        a.DurationMinutes, a.Location, a.Memo, a.Status,
                        a.Invitees.Select(i => new CalendarInvitee(i.ClientId, i.Status, i.CreateInvoice)).ToList(),
                        a.Kind == AppointmentKind.Group
                            ? db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.Name).FirstOrDefault()
                            : a.Invitees.Select(i => db.Clients.Where(c => c.Id == i.ClientId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefault())
                                .FirstOrDefault(),
                        db.Clinicians.Where(c => c.Id == a.ClinicianId).Select(c => c.Color).FirstOrDefault(),
                        db.Invoices.Any(i => i.AppointmentId == a.Id && db.Set<Domain.Billing.Allocation>().Any(al => al.InvoiceId == i.Id)),
                        db.Notes.Where(n => n.AppointmentId == a.Id).Select(n => (Domain.Notes.NoteStatus?)n.Status).FirstOrDefault())));
    }
}
