using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Auth;

/// <summary>The answer of a chain check: how many entries, whether all hold, and the first that does not.</summary>
public sealed record AuditVerification(long Entries, bool Valid, string? FirstBrokenId);

/// <summary>
/// The hash chain of the audit trail: each entry's hash is SHA-256 over its content and the previous
/// entry's hash, so changing, removing or inserting an entry in the database shows at that entry.
/// </summary>
public static class AuditChain
{
    /// <summary>PostgreSQL keeps microseconds; the hashed instant must survive the round trip on both databases.</summary>
    public static Instant Truncate(Instant at) => Instant.FromUnixTimeTicks(at.ToUnixTimeTicks() / 10 * 10);

    public static string HashOf(AuditEntry e, string previousHash)
    {
        // A JSON array is an unambiguous encoding: no separator inside a field can shift the others.
        var content = JsonSerializer.Serialize(new object?[]
        {
            e.Seq, e.Id, e.At.ToUnixTimeTicks(), e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId,
            e.ClientId, e.Ip, e.Outcome, e.Detail, previousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>Re-checks every entry in order: its place, its hash and its link to the one before.</summary>
    public static async Task<AuditVerification> VerifyAsync(CaseloadDbContext db, CancellationToken ct)
    {
        long count = 0;
        var previous = "";
        string? broken = null;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (broken is null && (entry.Seq != count || entry.Hash != HashOf(entry, previous)))
            {
                broken = entry.Id;
            }

            previous = entry.Hash;
        }

        return new AuditVerification(count, broken is null, broken);
    }

    /// <summary>Entries written before the chain existed get their place and hash once, at start-up.</summary>
    public static async Task SealUnchainedAsync(CaseloadDbContext db)
    {
        var unchained = await db.AuditEntries.Where(e => e.Hash == "").OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        if (unchained.Count == 0)
        {
            return;
        }

        var head = await db.AuditEntries.Where(e => e.Hash != "").OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync();
        var seq = head?.Seq ?? 0;
        var previous = head?.Hash ?? "";
        foreach (var entry in unchained)
        {
            entry.Seq = ++seq;
            entry.At = Truncate(entry.At);
            entry.Hash = HashOf(entry, previous);
            previous = entry.Hash;
        }

        await db.SaveChangesAsync();
    }
}
