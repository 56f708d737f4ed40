using System.Collections.Concurrent;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Auth;

/// <summary>
/// Appends audit entries to the head of the chain. Entries that no request transaction carries are
/// committed in groups: while one group is being written, the entries of concurrent requests wait, and
/// the next of them writes them all in one transaction. Each caller returns only once the transaction
/// holding its entries has committed, so an entry is stored before the response that it records is sent,
/// while the chain's lock is taken once per group instead of once per request.
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes) : IDisposable
{
    private sealed record Pending(List<AuditEntry> Entries, TaskCompletionSource Committed);

    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Commits the entries in their own transaction (together with those of concurrent callers).</summary>
    public async Task CommitAsync(List<AuditEntry> entries, CancellationToken ct)
    {
        var pending = new Pending(entries, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Enqueue(pending);
        while (!pending.Committed.Task.IsCompleted)
        {
            await _writing.WaitAsync(ct);
            try
            {
                if (!pending.Committed.Task.IsCompleted)
                {
                    await WriteQueuedAsync();
                }
            }
            finally
            {
                _writing.Release();
            }
        }

        await pending.Committed.Task;
    }

    /// <summary>
    /// Appends the entries inside the transaction that <paramref name="writer"/> has open: reads the head and
    /// chains after it. On PostgreSQL an advisory transaction lock that every instance takes guards the head until
    /// the transaction ends; SQLite's transactions (BEGIN IMMEDIATE) already let one writer in at a time. Two
    /// writers therefore never build on the same head.
    /// </summary>
    public static async Task AppendAsync(CaseloadDbContext writer, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (writer.Database.IsNpgsql())
        {
            await writer.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7140503112)", ct);
        }

        var head = await writer.AuditEntries.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var seq = head?.Seq ?? 0;
        var previous = head?.Hash ?? "";
        foreach (var entry in entries)
        {
            entry.Seq = ++seq;
            entry.Hash = AuditChain.HashOf(entry, previous);
            previous = entry.Hash;
        }

        // One statement for the whole group: EF Core would send SQLite an INSERT per entry.
        await writer.InsertAsync(entries, ct);
    }

    public void Dispose() => _writing.Dispose();

    /// <summary>
    /// Writes everything queued so far as one group. The group is not cancelled with the request that happens
    /// to write it: the other requests in it are waiting for it too.
    /// </summary>
    private async Task WriteQueuedAsync()
    {
        var group = new List<Pending>();
        while (_queue.TryDequeue(out var next))
        {
            group.Add(next);
        }

        if (group.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var writer = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
            await using var transaction = await writer.Database.BeginTransactionAsync(CancellationToken.None);
            await AppendAsync(writer, [.. group.SelectMany(p => p.Entries)], CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // Each request of the group answers as if it had written alone: its entries are not stored.
            foreach (var pending in group)
            {
                pending.Committed.SetException(e);
            }

            return;
        }

        foreach (var pending in group)
        {
            pending.Committed.SetResult();
        }
    }
}
