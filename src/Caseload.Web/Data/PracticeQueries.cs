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

/// <summary>
/// The practice's time zone and date format for requests that need nothing else of the practice row (the calendar
/// feed, the dates of every page), kept for <see cref="KeptFor"/> instead of read on every request. A change saved
/// through this instance is seen at once (<see cref="Forget"/>), one saved through another instance within that time.
/// </summary>
public sealed class KeptPractice(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(5);

    private sealed record Kept(Practice Practice, DateTimeOffset ReadAt);

    private volatile Kept? _kept;
    private int _forgotten;

    public async Task<DateTimeZone> ZoneAsync(CancellationToken ct) => (await PracticeAsync(ct)).Zone;

    public async Task<DateStyle> DateStyleAsync(CancellationToken ct) => (await PracticeAsync(ct)).DateStyle;

    public async Task<PortalPolicy> PortalAsync(CancellationToken ct) => (await PracticeAsync(ct)).Portal;

    public async Task<string> NameAsync(CancellationToken ct) => (await PracticeAsync(ct)).Name;

    /// <summary>Called after the practice's settings were saved, so this instance reads them again on the next request.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _forgotten);
        _kept = null;
    }

    private async Task<Practice> PracticeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_kept is { } kept && now - kept.ReadAt < KeptFor)
        {
            return kept.Practice;
        }

        // A read that overlaps a change may return the old settings; they are not kept after the change was announced.
        var forgotten = Volatile.Read(ref _forgotten);
        await using var scope = scopes.CreateAsyncScope();
        var practice = await scope.ServiceProvider.GetRequiredService<CaseloadDbContext>().PracticeAsync(ct);
        if (Volatile.Read(ref _forgotten) == forgotten)
        {
            _kept = new Kept(practice, now);
        }

        return practice;
    }
}
