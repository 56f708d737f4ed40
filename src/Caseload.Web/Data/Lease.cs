using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// Which app instance runs a background job for now. An instance holds the lease until it expires
/// and renews it while it works; when it stops, another takes over after the expiry.
/// </summary>
public sealed class Lease
{
    public string Name { get; set; } = "";

    public string? Holder { get; set; }

    public Instant ExpiresAt { get; set; }
}
