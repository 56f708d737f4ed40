using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Web.Data;

internal sealed class SessionNoteConfiguration : IEntityTypeConfiguration<SessionNote>
{
    public void Configure(EntityTypeBuilder<SessionNote> builder)
    {
        builder.ToTable("Notes");
        builder.Property(n => n.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(n => n.AppointmentId).HasMaxLength(32);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(n => n.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => n.AppointmentId).IsUnique();
        builder.Property(n => n.ClinicianId).HasMaxLength(32);
        builder.HasIndex(n => n.ClinicianId);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.SignedBy).HasMaxLength(200);
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.ComplexProperty(n => n.Shared, s =>
        {
            s.Property(p => p.Topic).HasColumnName("Topic");
            s.Property(p => p.Interventions).HasColumnName("Interventions");
            s.Property(p => p.GroupProcess).HasColumnName("GroupProcess");
            s.Property(p => p.SessionMinutes).HasColumnName("SessionMinutes");
        });

        // Sections and addenda live inside the note's row as JSON: they are read and written with it, never alone.
        builder.OwnsMany(n => n.Members, m =>
        {
            m.ToJson();
            m.Ignore(x => x.Attended);
            m.Property(x => x.Attendance).HasConversion<string>();
            m.Property(x => x.Risk).HasConversion<string>();
        });
        builder.Navigation(n => n.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(n => n.Addenda, a =>
        {
            a.ToJson();
            a.Ignore(x => x.Shown);
            a.Property(x => x.CorrectedFrom).HasConversion<string>();
            a.Property(x => x.CorrectedTo).HasConversion<string>();
        });
        builder.Navigation(n => n.Addenda).HasField("_addenda").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class NoteTemplateConfiguration : IEntityTypeConfiguration<NoteTemplate>
{
    public void Configure(EntityTypeBuilder<NoteTemplate> builder)
    {
        builder.Property(t => t.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(NoteTemplate.MaxName);
        builder.HasIndex(t => t.Name);
        builder.Ignore(t => t.Shared);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.EntityType).HasMaxLength(40);
        builder.Property(e => e.EntityId).HasMaxLength(200);
        builder.Property(e => e.ClientId).HasMaxLength(32);
        builder.Property(e => e.Ip).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.Seq).IsUnique();
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.ClientId, e.Seq });
        builder.HasIndex(e => new { e.UserId, e.Seq });
    }
}
