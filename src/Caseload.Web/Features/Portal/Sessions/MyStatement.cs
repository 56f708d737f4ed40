using Caseload.Domain;
using Caseload.Domain.Billing;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Caseload.Web.Features.Portal.Sessions;

/// <param name="From">The first day of the period; <see cref="MyStatement.DefaultDays"/> before <paramref name="To"/> when not given.</param>
/// <param name="To">The last day of the period; the practice's today when not given.</param>
public sealed record MyStatementQuery(string ClientId, LocalDate? From, LocalDate? To);

/// <summary>A charge (an invoice issued) or a payment (negative: a refund) on the client's statement.</summary>
public sealed record StatementLine(LocalDate Date, string Description, decimal? Charge, decimal? Payment);

/// <summary>
/// The client's statement of a period: what they owed when it began, each charge and payment in it by date, and what
/// they owe at its end (negative: credit). Charges are the client's share of the invoices; void invoices are left out.
/// </summary>
public sealed record MyStatementView(
    string ClientName, string PracticeName, string PracticePhone, string Currency, LocalDate From, LocalDate To,
    decimal OpeningBalance, IReadOnlyList<StatementLine> Lines, decimal ClosingBalance);

/// <summary>A printable statement of the client's own invoices and payments over a period, with the balance.</summary>
public sealed class MyStatement(CaseloadDbContext db, PortalClients clients, MyInvoices invoices, AuditTrail audit, Clock clock)
{
    public const int DefaultDays = 90;

    /// <summary>The longest period one statement covers: three years.</summary>
    public const int MaxDays = 3 * 366;

    public async Task<Outcome<MyStatementView>> HandleAsync(MyStatementQuery query, CancellationToken ct)
    {
        if (await clients.FindAsync(query.ClientId, ct) is not { } client)
        {
            return Refusal.NotFound("No such client.");
        }

        var practice = await db.PracticeAsync(ct);
        var to = query.To ?? practice.Today(clock.Now);
        var from = query.From ?? to.PlusDays(-DefaultDays);
        if (from > to)
        {
            return Refusal.Invalid("from", "The period starts on or before the day it ends.");
        }

        if (Period.DaysBetween(from, to) > MaxDays)
        {
            return Refusal.Invalid("from", "A statement covers at most three years.");
        }

        var charges = (await invoices.ListAsync(client.Id, ct)).Where(i => i.Status != InvoiceStatus.Void && i.IssuedOn <= to).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => p.ClientId == client.Id && p.ReceivedOn <= to)
            .Select(p => new { p.ReceivedOn, p.Amount, p.Method, p.RecordedAt }).ToListAsync(ct);
        var opening = charges.Where(i => i.IssuedOn < from).Sum(i => i.Amount) - payments.Where(p => p.ReceivedOn < from).Sum(p => p.Amount);
        List<StatementLine> lines =
        [
            .. charges.Where(i => i.IssuedOn >= from).OrderBy(i => i.IssuedOn)
                .Select(i => new StatementLine(i.IssuedOn, $"{i.Number} {i.Description}", i.Amount, null)),
            .. payments.Where(p => p.ReceivedOn >= from).OrderBy(p => p.ReceivedOn).ThenBy(p => p.RecordedAt)
                .Select(p => new StatementLine(p.ReceivedOn, p.Amount < 0 ? "Refund" : $"Payment ({p.Method.ToString().ToLowerInvariant()})", null, p.Amount)),
        ];
        lines = [.. lines.OrderBy(l => l.Date)];
        var closing = opening + lines.Sum(l => l.Charge ?? 0) - lines.Sum(l => l.Payment ?? 0);

        await audit.RecordAsync(
            [new AuditEvent(AuditActions.Read, AuditEntities.Invoice, "portal:statement", client.Id, $"own statement {from:uuuu-MM-dd}..{to:uuuu-MM-dd}")],
            ct, client.Actor);
        return new MyStatementView(client.FullName, practice.Name, practice.Phone, practice.Currency, from, to, opening, lines, closing);
    }
}
