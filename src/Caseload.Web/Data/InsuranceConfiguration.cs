using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Insurance;
using Caseload.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Web.Data;

internal sealed class InsuranceClaimConfiguration : IEntityTypeConfiguration<InsuranceClaim>
{
    public void Configure(EntityTypeBuilder<InsuranceClaim> builder)
    {
        builder.ToTable("Claims");
        builder.Property(c => c.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(c => c.Number).HasMaxLength(20);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.InvoiceId).HasMaxLength(32);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(c => c.InvoiceId).OnDelete(DeleteBehavior.Restrict);

        // One claim per invoice, whatever instance issues it: the invoice's own unique index guards the invoice, this the claim.
        builder.HasIndex(c => c.InvoiceId).IsUnique();
        builder.Property(c => c.ClientId).HasMaxLength(32);
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.AppointmentId).HasMaxLength(32);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(c => c.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.ClinicianId).HasMaxLength(32);
        builder.Property(c => c.Payer).HasMaxLength(200);
        builder.Property(c => c.MemberId).HasMaxLength(50);
        builder.Property(c => c.PlaceOfService).HasMaxLength(2);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(10);
        foreach (var money in new[] { nameof(InsuranceClaim.Total), nameof(InsuranceClaim.Paid), nameof(InsuranceClaim.PatientResponsibility), nameof(InsuranceClaim.Adjusted) })
        {
            builder.Property(money).HasPrecision(12, 2);
        }

        builder.Ignore(c => c.IsOpen);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);

        // The claims list asks by state (the work queue) and by client (the chart's billing tab).
        builder.HasIndex(c => new { c.State, c.ServiceDate });
        builder.HasIndex(c => new { c.ClientId, c.ServiceDate });
        builder.HasIndex(c => c.BatchNumber);
    }
}

internal sealed class InsuranceClaimLineConfiguration : IEntityTypeConfiguration<InsuranceClaimLine>
{
    public void Configure(EntityTypeBuilder<InsuranceClaimLine> builder)
    {
        builder.ToTable("ClaimLines");
        builder.Property(l => l.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(l => l.ClaimId).HasMaxLength(32);
        builder.Property(l => l.ServiceCode).HasMaxLength(10);
        builder.Property(l => l.Modifier).HasMaxLength(2);
        builder.Property(l => l.Charge).HasPrecision(12, 2);
    }
}

internal sealed class ClaimSubmissionConfiguration : IEntityTypeConfiguration<ClaimSubmission>
{
    public void Configure(EntityTypeBuilder<ClaimSubmission> builder)
    {
        builder.ToTable("ClaimBatches");
        builder.HasKey(b => b.Number);
        builder.Property(b => b.Number).ValueGeneratedOnAdd();
        builder.Property(b => b.CreatedBy).HasMaxLength(450);
    }
}

internal sealed class PayerPaymentConfiguration : IEntityTypeConfiguration<PayerPayment>
{
    public void Configure(EntityTypeBuilder<PayerPayment> builder)
    {
        builder.Property(p => p.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(p => p.Payer).HasMaxLength(200);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.RemittanceId).HasMaxLength(32);
        builder.HasOne<RemittanceFile>().WithMany().HasForeignKey(p => p.RemittanceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.IsTakeback);
        builder.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);

        // A payer and its trace number name one payment: the same one in another file is found, not posted again.
        builder.HasIndex(p => new { p.Payer, p.Reference });
        builder.HasIndex(p => p.RemittanceId);
    }
}

internal sealed class PayerPaymentLineConfiguration : IEntityTypeConfiguration<PayerPaymentLine>
{
    public void Configure(EntityTypeBuilder<PayerPaymentLine> builder)
    {
        builder.Property(l => l.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(l => l.PaymentId).HasMaxLength(32);
        builder.Property(l => l.ClaimId).HasMaxLength(32);
        builder.HasOne<InsuranceClaim>().WithMany().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Paid).HasPrecision(12, 2);
        builder.Property(l => l.PatientResponsibility).HasPrecision(12, 2);
        builder.HasMany(l => l.Adjustments).WithOne().HasForeignKey(a => a.LineId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Adjustments).HasField("_adjustments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(l => l.ClaimId);
    }
}

internal sealed class PayerAdjustmentConfiguration : IEntityTypeConfiguration<PayerAdjustment>
{
    public void Configure(EntityTypeBuilder<PayerAdjustment> builder)
    {
        builder.Property(a => a.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(a => a.LineId).HasMaxLength(32);
        builder.Property(a => a.Group).HasMaxLength(2);
        builder.Property(a => a.Reason).HasMaxLength(5);
        builder.Property(a => a.Amount).HasPrecision(12, 2);
    }
}

internal sealed class RemittanceFileConfiguration : IEntityTypeConfiguration<RemittanceFile>
{
    public void Configure(EntityTypeBuilder<RemittanceFile> builder)
    {
        builder.ToTable("Remittances");
        builder.Property(r => r.Id).HasMaxLength(32).ValueGeneratedNever();

        // The same file twice: the second is refused by this index, whatever instance receives it.
        builder.Property(r => r.Hash).HasMaxLength(64);
        builder.HasIndex(r => r.Hash).IsUnique();
        builder.Property(r => r.ReceivedBy).HasMaxLength(450);
        builder.HasMany(r => r.Unmatched).WithOne().HasForeignKey(u => u.RemittanceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Unmatched).HasField("_unmatched").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class UnmatchedRemittanceConfiguration : IEntityTypeConfiguration<UnmatchedRemittance>
{
    public void Configure(EntityTypeBuilder<UnmatchedRemittance> builder)
    {
        builder.Property(u => u.Id).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(u => u.RemittanceId).HasMaxLength(32);
        builder.Property(u => u.Payer).HasMaxLength(200);
        builder.Property(u => u.TraceNumber).HasMaxLength(100);
        builder.Property(u => u.ClaimRef).HasMaxLength(50);
        builder.Property(u => u.StatusCode).HasMaxLength(4);
        builder.Property(u => u.PayerClaimNumber).HasMaxLength(50);
        builder.Property(u => u.Reason).HasMaxLength(300);
        foreach (var money in new[] { nameof(UnmatchedRemittance.Charge), nameof(UnmatchedRemittance.Paid), nameof(UnmatchedRemittance.PatientResponsibility) })
        {
            builder.Property(money).HasPrecision(12, 2);
        }
    }
}

/// <summary>Diagnosis codes kept in one column, comma-separated in their order (a code never holds a comma).</summary>
internal static class DiagnosisCodesColumn
{
    public static readonly ValueComparer<IReadOnlyList<string>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, code) => HashCode.Combine(hash, code.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());

    public static string Write(IReadOnlyList<string> codes) => string.Join(',', codes);

    public static IReadOnlyList<string> Read(string text) => text.Length == 0 ? [] : text.Split(',');
}
