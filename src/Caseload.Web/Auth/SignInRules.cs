using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Auth;

/// <summary>The practice's rules for signed-in staff, as one request needs them.</summary>
public sealed record SignInRule(bool RequireTwoFactor, int IdleMinutes)
{
    public TimeSpan IdleTime => TimeSpan.FromMinutes(IdleMinutes);
}

/// <summary>
/// Reads the practice's sign-in rules for every signed-in request, so it keeps them for half a minute
/// rather than asking the database each time; a change made here is seen at once, one made through
/// another instance within that half minute.
/// </summary>
public sealed class SignInRules(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);

    private volatile Kept? _kept;

    public async Task<SignInRule> CurrentAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_kept is { } kept && now - kept.ReadAt < KeptFor)
        {
            return kept.Rule;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var rule = await db.Practices.AsNoTracking()
            .Select(p => new SignInRule(p.RequireTwoFactor, p.IdleMinutes))
            .SingleAsync(ct);
        _kept = new Kept(rule, now);
        return rule;
    }

    /// <summary>Called after the practice's settings change, so this instance applies them to the next request.</summary>
    public void Forget() => _kept = null;

    private sealed record Kept(SignInRule Rule, DateTimeOffset ReadAt);
}
