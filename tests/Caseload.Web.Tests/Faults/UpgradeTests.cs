using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caseload.Web.Tests.Faults;

/// <summary>
/// An upgrade as an operator does it: the previous release's database, with its practice in it, and two instances of
/// this build started on it at the same moment (real processes). The migrations of this release run once, by one of
/// them; both then serve; every record of the previous release is still there, unchanged, and usable.
/// </summary>
public abstract class UpgradeTests(Func<TestDatabase> newDatabase)
{
    /// <summary>Records the instances never change on their own (the workers only add invoices, reminders and leases).</summary>
    private static readonly string[] KeptAsTheyWere = ["Practices", "Clinicians", "Clients", "Groups", "Membership", "Series", "Appointments", "Payments", "Notes", "AspNetUsers"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstancesStartedTogether_OnThePreviousReleasesPractice_MigrateItOnce_AndKeepEveryRecordUsable()
    {
        await using var database = newDatabase();
        await database.CreateAsync();
        await LoadPreviousReleaseAsync(database);
        var history = await ListAsync(database, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"");
        Assert.Equal(Releases.PreviousRelease, Releases.NameOf(history[^1]));
        var thisBuild = ProviderContexts.MigrationsOf(database.Provider);
        var pending = thisBuild.Except(history).ToList();
        var tables = await TablesAsync(database);
        var counts = new Dictionary<string, int>();
        var rows = new Dictionary<string, (List<string> Columns, List<string> Rows)>();
        foreach (var table in tables)
        {
            var columns = await ColumnsAsync(database, table);
            var all = await RowsAsync(database, table, columns);
            counts[table] = all.Count;
            if (KeptAsTheyWere.Contains(table))
            {
                rows[table] = (columns, all);
            }
        }

        await using var first = InstanceProcess.Start(database.Provider, database.ConnectionString);
        await using var second = InstanceProcess.Start(database.Provider, database.ConnectionString);
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), Ct), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), Ct));

        Assert.Equal(thisBuild, await ListAsync(database, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\""));
        var consoles = first.Console + "\n" + second.Console;
        Assert.All(pending, id => Assert.Equal(1, Occurrences(consoles, $"Applying migration '{id}'")));
        Assert.All(history, id => Assert.Equal(0, Occurrences(consoles, $"Applying migration '{id}'")));
        Assert.Equal(KeptAsTheyWere.Order(), rows.Keys.Order());
        foreach (var (table, before) in rows)
        {
            Assert.Equal(before.Rows, await RowsAsync(database, table, before.Columns));
        }

        foreach (var (table, before) in counts)
        {
            Assert.True((await ListAsync(database, $"SELECT COUNT(*) FROM \"{table}\"")).Select(int.Parse).Single() >= before, $"{table} lost rows");
        }

        await AssertUsableFromBothAsync(database, first, second);
    }

    /// <summary>The administrator of the previous release signs in at each instance, reads a client of then and books them anew.</summary>
    private static async Task AssertUsableFromBothAsync(TestDatabase database, InstanceProcess first, InstanceProcess second)
    {
        var client = (await ListAsync(database, "SELECT \"Id\" || '|' || \"ClinicianId\" || '|' || \"FirstName\" FROM \"Clients\" ORDER BY \"Id\"")).First().Split('|');
        using var atFirst = await first.SignInAsync(CaseloadApp.AdminEmail, CaseloadApp.Password, Ct);
        using var atSecond = await second.SignInAsync(CaseloadApp.AdminEmail, CaseloadApp.Password, Ct);

        var read = await atSecond.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{client[0]}", Ct);
        Assert.Equal(client[2], read.GetProperty("firstName").GetString());
        using var booked = await atFirst.PostAsJsonAsync("/api/v1/appointments", new
        {
            kind = "individual",
            clinicianId = client[1],
            serviceCode = "90834",
            clientId = client[0],
            start = "2027-06-01T10:00:00-04:00",
            durationMinutes = 50,
        }, Ct);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync(Ct));
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("appointments")[0].GetProperty("id").GetString();
        using var seen = await atSecond.GetAsync($"/api/v1/appointments/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Runs the previous release's database script (made by that release on an empty database with the demo practice).</summary>
    private static async Task LoadPreviousReleaseAsync(TestDatabase database)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Faults", "PreviousRelease", $"{Releases.PreviousRelease}.{database.Provider}.sql.gz");
        Assert.True(File.Exists(file), $"No database of the previous release for {database.Provider}: make {Path.GetFileName(file)} as docs/deploy.md, \"Upgrades\", says.");
        await using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var script = await reader.ReadToEndAsync(Ct);
        await using var connection = Open(database);
        await connection.OpenAsync(Ct);
        await using var run = connection.CreateCommand();
        run.CommandText = script;
        run.CommandTimeout = 120;
        await run.ExecuteNonQueryAsync(Ct);
    }

    private static DbConnection Open(TestDatabase database) => database.Provider == "sqlite"
        ? new SqliteConnection(database.ConnectionString + ";Pooling=False")
        : new NpgsqlConnection(database.ConnectionString + ";Pooling=false");

    private static Task<List<string>> TablesAsync(TestDatabase database) => ListAsync(database, database.Provider == "sqlite"
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%'"
        : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_\\_EF%'");

    private static Task<List<string>> ColumnsAsync(TestDatabase database, string table) => ListAsync(database, database.Provider == "sqlite"
        ? $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        : $"SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position");

    /// <summary>Every row of the table, read through the given columns (the previous release's), as text, in order.</summary>
    private static async Task<List<string>> RowsAsync(TestDatabase database, string table, List<string> columns)
    {
        await using var connection = Open(database);
        await connection.OpenAsync(Ct);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"";
        await using var reader = await select.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join("|", values.Select(v => v is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static async Task<List<string>> ListAsync(TestDatabase database, string sql)
    {
        await using var connection = Open(database);
        await connection.OpenAsync(Ct);
        await using var select = connection.CreateCommand();
        select.CommandText = sql;
        await using var reader = await select.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}

[Collection(InstanceProcesses.Name)]
public sealed class UpgradeSqliteTests() : UpgradeTests(() => new SqliteTestDatabase());

[Collection(InstanceProcesses.Name)]
public sealed class UpgradePostgresTests() : UpgradeTests(() => new PostgresTestDatabase());
