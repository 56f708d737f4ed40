namespace Caseload.Web.Data;

/// <summary>
/// Where the releases begin and end in the migrations, said once: by migration name (the part after the timestamp,
/// the same on both providers). Instances of two releases share the database during a rolling upgrade, so the
/// migrations of a release only add; a column or table goes only in a release after the one whose code stopped
/// using it (docs/deploy.md, "Upgrades"). The upgrade test starts from the previous release's schema, and a test
/// over the migrations checks what can be checked of the rule.
/// </summary>
public static class Releases
{
    /// <summary>The last migration of each release, oldest first; add one when a release is cut.</summary>
    public static readonly IReadOnlyList<string> LastMigrations = ["CalendarFeeds"];

    /// <summary>The last migration of the release before this one: an upgrade starts from its schema.</summary>
    public static string PreviousRelease => LastMigrations[^1];

    /// <summary>The name of a migration id such as <c>20261202135203_CalendarFeeds</c>.</summary>
    public static string NameOf(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];
}
