using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Web.Data;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.Property(a => a.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(a => a.ClinicianId).HasMaxLength(32);
        builder.HasOne<Clinician>().WithMany().HasForeignKey(a => a.ClinicianId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.ServiceCode).HasMaxLength(10);
        builder.HasOne<Domain.Billing.ServiceCode>().WithMany().HasForeignKey(a => a.ServiceCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.GroupId).HasMaxLength(32);
        builder.HasOne<Group>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.SeriesId).HasMaxLength(32);
        builder.HasOne<Series>().WithMany().HasForeignKey(a => a.SeriesId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Location).HasMaxLength(300);
        builder.Property(a => a.RoomKey).HasMaxLength(300);
        builder.Property(a => a.Memo).HasMaxLength(2000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasMany(a => a.Invitees).WithOne().HasForeignKey(i => i.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Invitees).HasField("_invitees").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.Uninvited).WithOne().HasForeignKey(u => u.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Uninvited).HasField("_uninvited").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(a => a.Interval);
        builder.Ignore(a => a.IsTelehealth);

        // The calendar feed asks "what overlaps this range", per clinician or for the whole practice.
        builder.HasIndex(a => new { a.ClinicianId, a.StartsAt });
        builder.HasIndex(a => a.StartsAt);
        builder.HasIndex(a => a.SeriesId);
        builder.HasIndex(a => a.GroupId);
        builder.HasIndex(a => new { a.RoomKey, a.StartsAt });

        // The invoice worker's question: the sessions of the days since it last finished.
        builder.HasIndex(a => a.Date);
    }
}

internal sealed class InviteeConfiguration : IEntityTypeConfiguration<Invitee>
{
    public void Configure(EntityTypeBuilder<Invitee> builder)
    {
        builder.HasKey(i => new { i.AppointmentId, i.ClientId });
        builder.Property(i => i.AppointmentId).HasMaxLength(32);
        builder.Property(i => i.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(i => i.MissedReason).HasMaxLength(500);
        builder.Property(i => i.MissedCharge).HasPrecision(12, 2);
        builder.Property(i => i.MissedBy).HasMaxLength(200);
        builder.HasIndex(i => i.ClientId);
    }
}

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.ToTable("WaitlistEntries");
        builder.Property(e => e.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(e => e.AppointmentId).HasMaxLength(32);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(e => e.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(e => e.HasOffer);

        // Once per client per session, whatever arrives at once; and the line of a session in its order.
        builder.HasIndex(e => new { e.AppointmentId, e.ClientId }).IsUnique();
        builder.HasIndex(e => new { e.AppointmentId, e.Position });

        // The client's own entries, and the worker's lapsed offers.
        builder.HasIndex(e => e.ClientId);
        builder.HasIndex(e => e.OfferExpiresAt);
    }
}

internal sealed class UninvitationConfiguration : IEntityTypeConfiguration<Uninvitation>
{
    public void Configure(EntityTypeBuilder<Uninvitation> builder)
    {
        builder.HasKey(u => new { u.AppointmentId, u.ClientId });
        builder.Property(u => u.AppointmentId).HasMaxLength(32);
        builder.Property(u => u.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(u => u.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.ClientId);
    }
}

internal sealed class SeriesConfiguration : IEntityTypeConfiguration<Series>
{
    public void Configure(EntityTypeBuilder<Series> builder)
    {
        builder.ToTable("Series");
        builder.Property(s => s.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class AppointmentEventConfiguration : IEntityTypeConfiguration<AppointmentEvent>
{
    public void Configure(EntityTypeBuilder<AppointmentEvent> builder)
    {
        builder.Property(e => e.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(e => e.AppointmentId).HasMaxLength(32);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(e => e.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.By).HasMaxLength(200);
        builder.Property(e => e.What).HasMaxLength(500);
        builder.HasIndex(e => new { e.AppointmentId, e.At });
    }
}
