using Caseload.Domain.Clients;
using Caseload.Domain.Insurance;
using Caseload.Domain.Practices;
using Caseload.Domain.Staff;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>
/// Puts stored claims together with today's identities (the practice's billing provider, the clinician's NPI, the
/// client's policy and diagnoses) into claims as a payer reads them, and checks each: the one place that decides
/// whether a claim is complete, for the list, the batch and the pages.
/// </summary>
public sealed class ClaimAssembly(CaseloadDbContext db)
{
    public sealed record Assembled(InsuranceClaim Stored, Client Client, Claim Claim, IReadOnlyList<ClaimProblem> Problems, decimal PayerShare)
    {
        public bool Complete => Problems.Count == 0;

        public ClaimView View() => new(
            Stored.Id, Stored.Number, Stored.InvoiceId, Stored.ClientId, Client.FullName, Stored.ClinicianId, Stored.Payer,
            Client.Coverage.PayerId, Claim.Subscriber.MemberId, ClaimStatuses.Of(Stored.State, Complete), Stored.ServiceDate,
            Stored.PlaceOfService, Stored.Total, Stored.Paid, Stored.PatientResponsibility, Stored.Adjusted, Stored.PayerBalance(PayerShare),
            Stored.BatchNumber, Claim.DiagnosisCodes, Problems,
            [.. Stored.Lines.Select(l => new ClaimLineView(l.ServiceCode, l.Modifier, l.Date, l.Charge, l.Units))]);
    }

    public async Task<IReadOnlyList<Assembled>> AssembleAsync(IReadOnlyList<InsuranceClaim> claims, CancellationToken ct)
    {
        if (claims.Count == 0)
        {
            return [];
        }

        var practice = await db.PracticeAsync(ct);
        var clientIds = claims.Select(c => c.ClientId).Distinct().ToList();
        var clinicianIds = claims.Select(c => c.ClinicianId).Distinct().ToList();
        var invoiceIds = claims.Select(c => c.InvoiceId).ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var clinicians = await db.Clinicians.AsNoTracking().Where(c => clinicianIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var payerShares = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.PayerOwes, ct);
        return [.. claims.Select(c => Assemble(c, practice, clients[c.ClientId], clinicians.GetValueOrDefault(c.ClinicianId), payerShares.GetValueOrDefault(c.InvoiceId)))];
    }

    private static Assembled Assemble(InsuranceClaim stored, Practice practice, Client client, Clinician? clinician, decimal payerShare)
    {
        var coverage = client.Coverage;
        var clientName = new PersonName(client.LastName, client.FirstName);
        var memberId = client.Billing.Mode == BillingMode.Insurance && client.Billing.Payer == stored.Payer ? client.Billing.MemberId ?? stored.MemberId : stored.MemberId;
        var subscriber = coverage.Relationship == SubscriberRelationship.Self
            ? new Subscriber(SubscriberRelationship.Self, clientName, client.DateOfBirth, memberId, null, null)
            : new Subscriber(coverage.Relationship, new PersonName(coverage.SubscriberLastName ?? "", coverage.SubscriberFirstName ?? ""),
                coverage.SubscriberDateOfBirth, memberId, null, new Patient(clientName, client.DateOfBirth, null));
        var rendering = new RenderingProvider(RenderingIdentity.NameOf(clinician?.DisplayName ?? ""), clinician?.Npi ?? "", clinician?.Taxonomy ?? "");
        var claim = stored.ToClaim(practice.BillingIdentity.ToProvider(), subscriber, new Payer(stored.Payer, coverage.PayerId ?? ""),
            coverage.DiagnosisCodes, rendering);
        var problems = stored.State == ClaimState.Open
            ? ClaimCheck.Check(claim).Refusals.Select(r => new ClaimProblem(r.Field ?? "claim", r.Message)).ToList()
            : [];
        return new Assembled(stored, client, claim, problems, payerShare);
    }
}
