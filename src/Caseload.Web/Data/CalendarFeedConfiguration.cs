using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Web.Data;

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.HasKey(f => f.UserId);
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.HasOne<StaffUser>().WithOne().HasForeignKey<CalendarFeed>(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.TokenHash).HasMaxLength(64);

        // Every feed request finds its row by the hash of the token it carries.
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.Property(f => f.ContentHash).HasMaxLength(64);
    }
}
