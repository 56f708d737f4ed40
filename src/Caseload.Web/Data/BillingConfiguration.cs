using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Web.Data;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(i => i.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.AppointmentId).HasMaxLength(32);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(i => i.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.Payer).HasMaxLength(200);
        builder.Property(i => i.MemberId).HasMaxLength(50);
        builder.Property(i => i.PlaceOfService).HasMaxLength(2);
        builder.Property(i => i.VoidReason).HasMaxLength(500);
        foreach (var money in new[] { nameof(Invoice.Total), nameof(Invoice.ClientOwes), nameof(Invoice.PayerOwes), nameof(Invoice.ClientPaid) })
        {
            builder.Property(money).HasPrecision(12, 2);
        }

        builder.Ignore(i => i.ClientBalance);

        // Two payments applied at once to one invoice: the second sees the first's change and is refused, never lost.
        builder.Property(i => i.ClientPaid).IsConcurrencyToken();
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);

        // Rule 9, exactly once: one live invoice of a kind per client and appointment, whatever
        // instance or retry tries to issue it. A void one does not count, so a missed charge undone
        // and charged again is a new invoice.
        builder.HasIndex(i => new { i.AppointmentId, i.ClientId, i.Kind }).IsUnique().HasFilter("\"Status\" <> 'Void'");

        // The partial index above serves only queries that repeat its condition; every other look-up by
        // appointment (the calendar's "has a payment", an appointment's invoices, issuing) needs this one.
        builder.HasIndex(i => i.AppointmentId);
        builder.HasIndex(i => new { i.ClientId, i.IssuedOn });
        builder.HasIndex(i => i.ServiceDate);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.Property(l => l.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(l => l.InvoiceId).HasMaxLength(32);
        builder.Property(l => l.Description).HasMaxLength(300);
        builder.Property(l => l.ServiceCode).HasMaxLength(10);
        builder.Property(l => l.Fee).HasPrecision(12, 2);
        builder.Property(l => l.ClientOwes).HasPrecision(12, 2);
        builder.Property(l => l.PayerOwes).HasPrecision(12, 2);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(p => p.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Ignore(p => p.IsRefund);
        builder.Ignore(p => p.Applied);
        builder.Ignore(p => p.Unapplied);
        builder.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Allocations).HasField("_allocations").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(p => p.RefundOf).HasMaxLength(32);
        builder.Property(p => p.RefundCount).IsConcurrencyToken();
        builder.HasIndex(p => p.ClientId);
        builder.HasIndex(p => p.RefundOf);
    }
}

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> builder)
    {
        builder.Property(a => a.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(a => a.PaymentId).HasMaxLength(32);
        builder.Property(a => a.InvoiceId).HasMaxLength(32);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Amount).HasPrecision(12, 2);
        builder.HasIndex(a => a.InvoiceId);
    }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(40);
        builder.Property(l => l.Holder).HasMaxLength(100);
    }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Domain.Reminders.Reminder>
{
    public void Configure(EntityTypeBuilder<Domain.Reminders.Reminder> builder)
    {
        builder.Property(r => r.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(r => r.AppointmentId).HasMaxLength(32);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(r => r.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.Property(r => r.ClaimId).HasMaxLength(32);

        // The worker's question: what is pending and due now, oldest first.
        builder.HasIndex(r => new { r.Status, r.NextAttemptAt });

        // The dispatcher's second question: which rows did my claim win.
        builder.HasIndex(r => r.ClaimId);
        builder.HasIndex(r => r.AppointmentId);
    }
}
