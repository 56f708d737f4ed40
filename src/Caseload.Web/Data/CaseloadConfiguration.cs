using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Web.Data;

internal sealed class ServiceCodeConfiguration : IEntityTypeConfiguration<ServiceCode>
{
    public void Configure(EntityTypeBuilder<ServiceCode> builder)
    {
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(10);
        builder.Property(s => s.Description).HasMaxLength(200);
        builder.Property(s => s.Fee).HasPrecision(12, 2);
        builder.Ignore(s => s.SuitsGroups);
    }
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.Property(c => c.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(c => c.ClinicianId).HasMaxLength(32);
        builder.HasOne<Domain.Staff.Clinician>().WithMany().HasForeignKey(c => c.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.Mobile).HasMaxLength(30);
        builder.Property(c => c.MissedSessionFee).HasPrecision(12, 2);
        builder.ComplexProperty(c => c.Reminders, r =>
        {
            r.Property(p => p.Email).HasColumnName("RemindByEmail");
            r.Property(p => p.Text).HasColumnName("RemindByText");
        });
        builder.ComplexProperty(c => c.Billing, b =>
        {
            b.Property(p => p.Mode).HasColumnName("BillingMode").HasConversion<string>().HasMaxLength(12);
            b.Property(p => p.Rate).HasColumnName("SlidingRate").HasPrecision(12, 2);
            b.Property(p => p.Payer).HasColumnName("Payer").HasMaxLength(200);
            b.Property(p => p.MemberId).HasColumnName("MemberId").HasMaxLength(50);
            b.Property(p => p.Copay).HasColumnName("Copay").HasPrecision(12, 2);
        });
        builder.ComplexProperty(c => c.Coverage, v =>
        {
            v.Property(p => p.PayerId).HasColumnName("PayerId").HasMaxLength(Domain.Insurance.Coverage.PayerIdLength);
            v.Property(p => p.Relationship).HasColumnName("SubscriberRelationship").HasConversion<string>().HasMaxLength(8)
                .HasDefaultValue(Domain.Insurance.SubscriberRelationship.Self).HasSentinel(Domain.Insurance.SubscriberRelationship.Self);
            v.Property(p => p.SubscriberFirstName).HasColumnName("SubscriberFirstName").HasMaxLength(100);
            v.Property(p => p.SubscriberLastName).HasColumnName("SubscriberLastName").HasMaxLength(100);
            v.Property(p => p.SubscriberDateOfBirth).HasColumnName("SubscriberDateOfBirth");
            v.Property(p => p.DiagnosisCodes).HasColumnName("DiagnosisCodes").HasMaxLength(120).HasDefaultValueSql("''")
                .HasConversion(codes => DiagnosisCodesColumn.Write(codes), text => DiagnosisCodesColumn.Read(text), DiagnosisCodesColumn.Comparer);
        });
        builder.Ignore(c => c.IsActive);
        builder.Ignore(c => c.FullName);
        builder.HasIndex(c => new { c.ClinicianId, c.LastName, c.FirstName });
        builder.Property(c => c.SearchName).HasMaxLength(201);
        builder.HasIndex(c => new { c.SearchName, c.DateOfBirth });
    }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.Property(g => g.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(g => g.ClinicianId).HasMaxLength(32);
        builder.HasOne<Domain.Staff.Clinician>().WithMany().HasForeignKey(g => g.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(g => g.Name).HasMaxLength(120);
        builder.Property(g => g.ClientTitle).HasMaxLength(Domain.TextLimits.ClientTitle);
        builder.Property(g => g.ServiceCode).HasMaxLength(10);
        builder.HasOne<ServiceCode>().WithMany().HasForeignKey(g => g.ServiceCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(g => g.Memberships).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Memberships).HasField("_memberships").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(g => g.CurrentMembers);
        builder.HasIndex(g => g.ClinicianId);
        builder.ComplexProperty(g => g.SelfBooking, c =>
        {
            c.Property(b => b.Enabled).HasColumnName("SelfBookingEnabled");
            c.Property(b => b.Capacity).HasColumnName("SelfBookingCapacity");
        });
        builder.HasMany(g => g.Eligible).WithOne().HasForeignKey(e => e.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Eligible).HasField("_eligible").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class EligibleClientConfiguration : IEntityTypeConfiguration<EligibleClient>
{
    public void Configure(EntityTypeBuilder<EligibleClient> builder)
    {
        builder.ToTable("EligibleClients");
        builder.HasKey(e => new { e.GroupId, e.ClientId });
        builder.Property(e => e.GroupId).HasMaxLength(32);
        builder.Property(e => e.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.MarkedBy).HasMaxLength(200);

        // The client's openings: the groups they may book.
        builder.HasIndex(e => e.ClientId);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.Property(m => m.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(m => m.GroupId).HasMaxLength(32);
        builder.Property(m => m.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(m => m.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(m => m.IsCurrent);
        builder.HasIndex(m => m.ClientId);
    }
}
