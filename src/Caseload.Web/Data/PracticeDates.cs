using Caseload.Domain.Practices;

namespace Caseload.Web.Data;

/// <summary>
/// The practice's date format (<see cref="DateStyle"/>) for every page, warning, reminder and email, kept for
/// <see cref="PracticeZone.KeptFor"/> like the time zone instead of read on every request. A change saved through
/// this instance is seen at once (<see cref="Forget"/>), one saved through another instance within that time.
/// </summary>
public sealed class PracticeDates(IServiceScopeFactory scopes, TimeProvider time)
{
    private sealed record Kept(DateStyle Style, DateTimeOffset ReadAt);

    private volatile Kept? _kept;
    private int _forgotten;

    public async Task<DateStyle> StyleAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_kept is { } kept && now - kept.ReadAt < PracticeZone.KeptFor)
        {
            return kept.Style;
        }

        // A read that overlaps a change may return the old format; it is not kept after the change was announced.
        var forgotten = Volatile.Read(ref _forgotten);
        await using var scope = scopes.CreateAsyncScope();
        var style = (await scope.ServiceProvider.GetRequiredService<CaseloadDbContext>().PracticeAsync(ct)).DateStyle;
        if (Volatile.Read(ref _forgotten) == forgotten)
        {
            _kept = new Kept(style, now);
        }

        return style;
    }

    /// <summary>Called after the practice's settings were saved, so this instance reads the format again on the next request.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _forgotten);
        _kept = null;
    }
}
