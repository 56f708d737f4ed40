using Caseload.Domain.Practices;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Data;

/// <summary>The practice row and what follows from it: its time zone and the day it is there now.</summary>
public static class PracticeQueries
{
    public static Task<Practice> PracticeAsync(this CaseloadDbContext db, CancellationToken ct) =>
        db.Practices.AsNoTracking().SingleAsync(ct);

    public static async Task<DateTimeZone> ZoneAsync(this CaseloadDbContext db, CancellationToken ct) =>
        (await db.PracticeAsync(ct)).Zone;

    /// <summary>"Today" for every rule: the current day in the practice's time zone.</summary>
    public static async Task<LocalDate> TodayAsync(this CaseloadDbContext db, Clock clock, CancellationToken ct) =>
        (await db.PracticeAsync(ct)).Today(clock.Now);
}
