using NodaTime;

namespace Caseload.Web;

/// <summary>The one place the web app reads the time; the domain is handed the instant.</summary>
public sealed class Clock(TimeProvider time)
{
    public Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());
}
