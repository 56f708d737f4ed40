using Caseload.Domain.Practices;
using Caseload.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Web.Data;

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.TimeZoneId).HasMaxLength(64);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Phone).HasMaxLength(40);
        builder.Property(p => p.MissedSessionFee).HasPrecision(12, 2);
        builder.PrimitiveCollection(p => p.ReminderLeadTimesHours);
        builder.PrimitiveCollection(p => p.Rooms);
        builder.Ignore(p => p.Zone);
        builder.Ignore(p => p.ReminderTemplates);
        builder.Ignore(p => p.DateStyle);
        builder.Property(p => p.DateFormat).HasConversion<string>().HasMaxLength(20).HasDefaultValue(DateFormat.Us).HasSentinel(DateFormat.Us);
        builder.Property(p => p.CalendarFeedNames).HasConversion<string>().HasMaxLength(20)
            .HasDefaultValue(CalendarFeedNames.None).HasSentinel(CalendarFeedNames.None);
        builder.ComplexProperty(p => p.BillingIdentity, b =>
        {
            b.Property(i => i.Name).HasColumnName("BillingName").HasMaxLength(60);
            b.Property(i => i.Npi).HasColumnName("BillingNpi").HasMaxLength(10);
            b.Property(i => i.TaxId).HasColumnName("BillingTaxId").HasMaxLength(10);
            b.Property(i => i.Taxonomy).HasColumnName("BillingTaxonomy").HasMaxLength(10);
            b.Property(i => i.Line1).HasColumnName("BillingLine1").HasMaxLength(60);
            b.Property(i => i.City).HasColumnName("BillingCity").HasMaxLength(60);
            b.Property(i => i.State).HasColumnName("BillingState").HasMaxLength(2);
            b.Property(i => i.Zip).HasColumnName("BillingZip").HasMaxLength(10);
        });
        builder.ComplexProperty(p => p.Clearinghouse, c =>
        {
            c.Property(i => i.Name).HasColumnName("ClearinghouseName").HasMaxLength(60);
            c.Property(i => i.ReceiverId).HasColumnName("ClearinghouseReceiverId").HasMaxLength(15);
            c.Property(i => i.SubmitterId).HasColumnName("ClearinghouseSubmitterId").HasMaxLength(15);
            c.Property(i => i.Production).HasColumnName("ClearinghouseProduction");
        });
        builder.ComplexProperty(p => p.Portal, c =>
        {
            c.Property(i => i.Enabled).HasColumnName("PortalEnabled");
            c.Property(i => i.LateCancelHours).HasColumnName("PortalLateCancelHours");
            c.Property(i => i.OfferCutoffHours).HasColumnName("PortalOfferCutoffHours");
        });
        builder.Property(p => p.ReminderEmailSubject).HasMaxLength(200);
        builder.Property(p => p.ReminderEmailBody).HasMaxLength(2000);
        builder.Property(p => p.ReminderTextBody).HasMaxLength(480);
    }
}

internal sealed class ClinicianConfiguration : IEntityTypeConfiguration<Clinician>
{
    public void Configure(EntityTypeBuilder<Clinician> builder)
    {
        builder.Property(c => c.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.HasIndex(c => c.UserId).IsUnique();
        builder.Property(c => c.DisplayName).HasMaxLength(200);
        builder.Property(c => c.Credentials).HasMaxLength(100);
        builder.Property(c => c.Color).HasMaxLength(7);
        builder.Property(c => c.Npi).HasMaxLength(10);
        builder.Property(c => c.Taxonomy).HasMaxLength(10);
    }
}
