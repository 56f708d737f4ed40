using Caseload.Domain.Clients;
using Caseload.Domain.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Web.Data;

internal sealed class PortalAccountConfiguration : IEntityTypeConfiguration<PortalAccount>
{
    public void Configure(EntityTypeBuilder<PortalAccount> builder)
    {
        builder.HasKey(a => a.ClientId);
        builder.Property(a => a.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithOne().HasForeignKey<PortalAccount>(a => a.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.InvitedEmail).HasMaxLength(Domain.TextLimits.Email);
        builder.Property(a => a.InvitedByUserId).HasMaxLength(450);
        builder.Property(a => a.InvitedByName).HasMaxLength(200);
        builder.Property(a => a.CodeSalt).HasMaxLength(32);
        builder.Property(a => a.CodeHash).HasMaxLength(64);
        builder.Property(a => a.AuthenticatorKey).HasMaxLength(64);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.IsRevoked);

        // A sign-in request finds the account by the email typed, compared as stored (lower case).
        builder.HasIndex(a => a.InvitedEmail);
    }
}

internal sealed class PortalSessionConfiguration : IEntityTypeConfiguration<PortalSession>
{
    public void Configure(EntityTypeBuilder<PortalSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);

        // Ending a client's sessions finds them by client; forgetting old ones, by when they started.
        builder.HasIndex(s => s.ClientId);
        builder.HasIndex(s => s.StartedAt);
    }
}
