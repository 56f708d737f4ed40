using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Caseload.Bench;

/// <summary>
/// Writes many rows of one entity type the way EF Core would store them — the same tables, columns
/// and value conversions, read from the app's own model — without the change tracker: one prepared
/// INSERT per row in a transaction on SQLite, binary COPY on PostgreSQL. Only for entity types whose
/// every column is a property of the object (no shadow or JSON columns).
/// </summary>
internal sealed class BulkWriter(DbContext db)
{
    public async Task WriteAsync<T>(IReadOnlyCollection<T> rows) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var columns = entity.GetProperties().ToList();
        if (columns.Any(p => p.IsShadowProperty()) || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || entity.GetComplexProperties().Any())
        {
            throw new InvalidOperationException($"{typeof(T).Name} has columns that are not plain properties: save it through EF Core.");
        }

        var table = entity.GetTableName()!;
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, table, columns, rows);
        }
        else
        {
            await InsertAsync((SqliteConnection)connection, table, columns, rows);
        }
    }

    private static object? ProviderValue(IProperty property, object row)
    {
        var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
        return value is null ? null : property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, List<IProperty> columns, IReadOnlyCollection<T> rows)
        where T : class
    {
        var types = columns.Select(p => p.GetColumnType().Split('(')[0]).ToList();
        var names = string.Join(", ", columns.Select(p => $"\"{p.GetColumnName()}\""));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            for (var c = 0; c < columns.Count; c++)
            {
                if (ProviderValue(columns[c], row) is { } value)
                {
                    await writer.WriteAsync(value, types[c]);
                }
                else
                {
                    await writer.WriteNullAsync();
                }
            }
        }

        await writer.CompleteAsync();
    }

    private static async Task InsertAsync<T>(SqliteConnection connection, string table, List<IProperty> columns, IReadOnlyCollection<T> rows)
        where T : class
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(p => $"\"{p.GetColumnName()}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToList();
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                parameters[c].Value = ProviderValue(columns[c], row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
