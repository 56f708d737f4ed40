using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// How far a background job has got, kept in the database so that after a restart, or on another instance, it
/// carries on from there instead of reading all history again: every day up to and including
/// <see cref="Through"/> is done. Null until the job first finishes a pass.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>The invoice worker's: the sessions of every day through this one have their invoices.</summary>
    public const string Invoices = "invoices";

    public string Name { get; set; } = "";

    public LocalDate? Through { get; set; }
}

internal sealed class CheckpointConfiguration : IEntityTypeConfiguration<Checkpoint>
{
    public void Configure(EntityTypeBuilder<Checkpoint> builder)
    {
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(40);

        // The row exists from the start, so advancing it is one conditional UPDATE whichever instance gets there first.
        builder.HasData(new Checkpoint { Name = Checkpoint.Invoices });
    }
}
