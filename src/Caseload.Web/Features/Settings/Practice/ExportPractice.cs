using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Settings.Practice;

/// <summary>
/// Everything the practice holds, for a practice that leaves or keeps its own archive: a zip with one CSV file per
/// table and a README naming every column. Only sign-in secrets stay behind (password hashes, security stamps, tokens,
/// the keys that protect cookies): they are of no use anywhere else. The export is audited as one entry per client.
/// </summary>
public sealed class ExportPractice(CaseloadDbContext db, AuditTrail audit, Clock clock)
{
    /// <summary>Tables of sign-in secrets, left out whole.</summary>
    private static readonly HashSet<string> SecretTables = ["DataProtectionKeys", "AspNetUserTokens", "AspNetUserLogins"];

    /// <summary>Columns of sign-in secrets, left out of the tables that have them.</summary>
    private static readonly HashSet<string> SecretColumns = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"];

    /// <summary>Writes the zip to a temporary file that is deleted when the returned stream is closed.</summary>
    public async Task<Stream> HandleAsync(CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var tables = Tables().ToList();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteEntryAsync(zip, "README.md", writer => writer.WriteAsync(Readme(tables)));
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                foreach (var table in tables)
                {
                    await WriteEntryAsync(zip, $"{table.Name}.csv", writer => WriteTableAsync(connection, table, writer, ct));
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var clients = await db.Clients.AsNoTracking().Select(c => (string?)c.Id).ToListAsync(ct);
        await audit.RecordForClientsAsync(AuditActions.Export, AuditEntities.Practice, "export", clients, ct,
            $"practice export: {tables.Count} tables, {clients.Count} clients");
        file.Position = 0;
        return file;
    }

    public string FileName() => $"caseload-export-{clock.Now.ToDateTimeUtc():yyyy-MM-dd}.zip";

    /// <summary>A table as exported: its name and the columns kept, with their types as the README describes them.</summary>
    private sealed record Table(string Name, IReadOnlyList<(string Column, string Type, bool Nullable)> Columns);

    private IEnumerable<Table> Tables() =>
        db.Model.GetRelationalModel().Tables
            .Where(t => !SecretTables.Contains(t.Name))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new Table(t.Name,
                [.. t.Columns.Where(c => !SecretColumns.Contains(c.Name)).Select(c => (c.Name, c.StoreType, c.IsNullable))]));

    private static string Readme(IReadOnlyList<Table> tables)
    {
        var text = new StringBuilder("""
            # Caseload practice export

            One CSV file per table (RFC 4180: comma-separated, double quotes around values that need them, UTF-8, a header
            row of column names). Dates are ISO 8601; instants are UTC; money is a decimal with a point. Ids join the
            tables: a column named `ClientId` holds an `Id` of `Clients.csv`, and so on. Left out: the sign-in secrets
            (password hashes, security stamps, sign-in tokens and the keys that protect cookies).

            """);
        foreach (var table in tables)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {table.Name}.csv\n\n| column | type | may be empty |\n| --- | --- | --- |\n");
            foreach (var (column, type, nullable) in table.Columns)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {column} | {type} | {(nullable ? "yes" : "no")} |\n");
            }
        }

        return text.ToString();
    }

    private static async Task WriteTableAsync(DbConnection connection, Table table, StreamWriter writer, CancellationToken ct)
    {
        await using var select = connection.CreateCommand();
        // Table and column names come from the app's own model, never from input.
        select.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => $"\"{c.Column}\""))} FROM \"{table.Name}\"";
        await using var reader = await select.ExecuteReaderAsync(ct);
        await writer.WriteLineAsync(string.Join(",", table.Columns.Select(c => Csv(c.Column))));
        var values = new object[table.Columns.Count];
        while (await reader.ReadAsync(ct))
        {
            reader.GetValues(values);
            await writer.WriteLineAsync(string.Join(",", values.Select(v => Csv(Text(v)))));
        }
    }

    private static string Text(object value) => value switch
    {
        DBNull => "",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static async Task WriteEntryAsync(ZipArchive zip, string name, Func<StreamWriter, Task> write)
    {
        await using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        await using var writer = new StreamWriter(entry, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\r\n" };
        await write(writer);
    }
}
