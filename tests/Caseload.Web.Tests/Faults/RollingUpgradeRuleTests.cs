using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// The rolling-upgrade rule, where the migrations show it: a migration of a release may drop or rename a column or
/// table only if the previous release's model (the model its last migration was made from) no longer had it, so the
/// instances of the previous release still running during the upgrade never miss anything they read or write.
/// Migrations before the first release are history and exempt.
/// </summary>
public sealed class RollingUpgradeRuleTests
{
    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void EveryReleasesMigrations_RemoveOnlyWhatThePreviousReleaseNoLongerUsed(string provider)
    {
        var migrations = MigrationsOf(provider);
        var violations = new List<string>();
        foreach (var (boundary, later) in ReleasesAfterTheFirst(migrations))
        {
            violations.AddRange(later.SelectMany(m => Violations(m, boundary.Migration.TargetModel!)));
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheRuleCheck_FindsAColumnDropped_WhileTheReleaseBeforeStillMappedIt(string provider)
    {
        // TrustAudit (before the first release) replaced the audit entry's Subject column: had the migration before
        // it closed a release, its instances would still have written Subject during the upgrade.
        var migrations = MigrationsOf(provider);
        var trustAudit = migrations.Single(m => m.Name == "TrustAudit");
        var before = migrations[migrations.IndexOf(trustAudit) - 1];

        var violations = Violations(trustAudit, before.Migration.TargetModel!).ToList();

        Assert.Contains(violations, v => v.Contains("Subject", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void EveryReleaseBoundary_NamesAMigrationOfBothProviders(string provider)
    {
        var names = MigrationsOf(provider).Select(m => m.Name).ToList();

        Assert.All(Releases.LastMigrations, last => Assert.Single(names, last));
    }

    private sealed record Named(string Id, string Name, Migration Migration);

    private static List<Named> MigrationsOf(string provider)
    {
        using var db = ProviderContexts.Create(provider);
        var assembly = db.GetService<IMigrationsAssembly>();
        var active = db.Database.ProviderName!;
        return [.. assembly.Migrations.Select(m => new Named(m.Key, Releases.NameOf(m.Key), assembly.CreateMigration(m.Value, active)))];
    }

    /// <summary>Each release after the first with its migrations, paired with the last migration of the release before it.</summary>
    private static IEnumerable<(Named Boundary, List<Named> Migrations)> ReleasesAfterTheFirst(List<Named> migrations)
    {
        var boundaries = Releases.LastMigrations.Select(name => migrations.FindIndex(m => m.Name == name)).ToList();
        for (var i = 0; i < boundaries.Count; i++)
        {
            var end = i + 1 < boundaries.Count ? boundaries[i + 1] : migrations.Count - 1;
            yield return (migrations[boundaries[i]], migrations[(boundaries[i] + 1)..(end + 1)]);
        }
    }

    /// <summary>What the migration drops or renames that the release before still mapped.</summary>
    private static IEnumerable<string> Violations(Named migration, IModel releaseBefore)
    {
        foreach (var operation in migration.Migration.UpOperations)
        {
            var (table, column) = operation switch
            {
                DropColumnOperation drop => (drop.Table, drop.Name),
                RenameColumnOperation rename => (rename.Table, rename.Name),
                DropTableOperation drop => (drop.Name, null),
                RenameTableOperation rename => (rename.Name, null),
                _ => (null, (string?)null),
            };
            if (table is not null && Maps(releaseBefore, table, column))
            {
                yield return $"{migration.Id}: {operation.GetType().Name} {table}{(column is null ? "" : "." + column)}, which the release before still used";
            }
        }
    }

    private static bool Maps(IModel model, string table, string? column) => model.GetEntityTypes().Any(e =>
        e.GetTableName() == table
        && (column is null || e.GetProperties().Any(p => p.GetColumnName(StoreObjectIdentifier.Table(table, e.GetSchema())) == column)));
}
