using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Practices;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Staff;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Data;

/// <summary>
/// The one database of the practice. Each provider has a subclass so that each keeps its own
/// migrations (see docs/adr/0002-one-migrations-set-per-provider.md).
/// </summary>
public abstract class CaseloadDbContext(DbContextOptions options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<Practice> Practices => Set<Practice>();

    public DbSet<Clinician> Clinicians => Set<Clinician>();

    public DbSet<ServiceCode> ServiceCodes => Set<ServiceCode>();

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<Series> Series => Set<Series>();

    public DbSet<AppointmentEvent> AppointmentEvents => Set<AppointmentEvent>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Domain.Reminders.Reminder> Reminders => Set<Domain.Reminders.Reminder>();

    public DbSet<Domain.Notes.SessionNote> Notes => Set<Domain.Notes.SessionNote>();

    public DbSet<Domain.Notes.NoteTemplate> NoteTemplates => Set<Domain.Notes.NoteTemplate>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Lease> Leases => Set<Lease>();

    public DbSet<Checkpoint> Checkpoints => Set<Checkpoint>();

    public DbSet<EndedSession> EndedSessions => Set<EndedSession>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    public DbSet<Domain.Portal.PortalAccount> PortalAccounts => Set<Domain.Portal.PortalAccount>();

    public DbSet<PortalSession> PortalSessions => Set<PortalSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    public DbSet<Domain.Insurance.InsuranceClaim> Claims => Set<Domain.Insurance.InsuranceClaim>();

    public DbSet<Domain.Insurance.ClaimSubmission> ClaimBatches => Set<Domain.Insurance.ClaimSubmission>();

    public DbSet<Domain.Insurance.PayerPayment> PayerPayments => Set<Domain.Insurance.PayerPayment>();

    public DbSet<Domain.Insurance.RemittanceFile> Remittances => Set<Domain.Insurance.RemittanceFile>();

    public DbSet<Domain.Insurance.UnmatchedRemittance> UnmatchedRemittances => Set<Domain.Insurance.UnmatchedRemittance>();

    /// <summary>Every save lets claims follow their invoices (<see cref="ClaimsFollowInvoices"/>), whichever use case issued or voided them.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await ClaimsFollowInvoices.ApplyAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ClaimsFollowInvoices.ApplyAsync(this, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CaseloadDbContext).Assembly);
    }
}

public sealed class SqliteCaseloadDbContext(DbContextOptions<SqliteCaseloadDbContext> options) : CaseloadDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        SqliteNodaTime.Configure(configurationBuilder);
    }
}

public sealed class PostgresCaseloadDbContext(DbContextOptions<PostgresCaseloadDbContext> options) : CaseloadDbContext(options);
