using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// A request sent with an <c>Idempotency-Key</c> (or a form's one-time key), kept 24 hours so that a
/// repeat by the same user answers the first response again. <see cref="StatusCode"/> is null while the
/// first request is still running.
/// </summary>
public sealed class IdempotentRequest
{
    public const int MaxKeyLength = 255;

    /// <summary>How long a key is remembered.</summary>
    public static readonly Duration Lifetime = Duration.FromHours(24);

    public string UserId { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of the method, path and body: the same key with another body is a mistake, not a repeat.</summary>
    public string RequestHash { get; set; } = "";

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public string? HxTrigger { get; set; }

    public byte[]? Body { get; set; }

    public Instant CreatedAt { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        builder.HasKey(r => new { r.UserId, r.Key });
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Key).HasMaxLength(IdempotentRequest.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(500);
        builder.Property(r => r.ETag).HasMaxLength(100);
        builder.Property(r => r.HxTrigger).HasMaxLength(200);
        builder.HasIndex(r => r.CreatedAt);
    }
}
