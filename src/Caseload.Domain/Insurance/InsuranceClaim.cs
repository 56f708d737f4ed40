using Caseload.Domain.Billing;
using NodaTime;

namespace Caseload.Domain.Insurance;

/// <summary>
/// Where a claim is in its life: open (ready to send once complete), submitted in a batch, paid or denied by the
/// payer, or void with its invoice. Whether an open claim is complete is read, not stored (<see cref="ClaimCheck"/>):
/// fixing a client's diagnosis makes every open claim of theirs ready at once.
/// </summary>
public enum ClaimState
{
    Open,
    Submitted,
    Paid,
    Denied,
    Void,
}

/// <summary>One billed service of a claim, as issued: it never changes under the claim.</summary>
public sealed class InsuranceClaimLine
{
    private InsuranceClaimLine()
    {
    }

    internal InsuranceClaimLine(string claimId, string serviceCode, string? modifier, decimal charge, int units, LocalDate date)
    {
        Id = Guid.CreateVersion7().ToString("N");
        ClaimId = claimId;
        ServiceCode = serviceCode;
        Modifier = modifier;
        Charge = charge;
        Units = units;
        Date = date;
    }

    public string Id { get; private set; } = "";

    public string ClaimId { get; private set; } = "";

    public string ServiceCode { get; private set; } = "";

    public string? Modifier { get; private set; }

    public decimal Charge { get; private set; }

    public int Units { get; private set; }

    public LocalDate Date { get; private set; }
}

/// <summary>
/// The claim of one insured service invoice: what was billed to the payer, and what the payer has paid and said
/// the client owes. Made when the invoice is issued; the parts that identify people (NPIs, diagnoses, the policy
/// holder) are read when it is checked or sent, so a biller fixes them in one place.
/// </summary>
public sealed class InsuranceClaim
{
    private readonly List<InsuranceClaimLine> _lines = [];

    private InsuranceClaim()
    {
    }

    public string Id { get; private set; } = "";

    /// <summary>The patient control number sent in CLM01 and returned in the remittance's CLP01: short enough for payers to return whole.</summary>
    public string Number { get; private set; } = "";

    public string InvoiceId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public string AppointmentId { get; private set; } = "";

    /// <summary>The rendering provider: the clinician of the session.</summary>
    public string ClinicianId { get; private set; } = "";

    public string Payer { get; private set; } = "";

    public string MemberId { get; private set; } = "";

    public LocalDate ServiceDate { get; private set; }

    public string PlaceOfService { get; private set; } = Invoice.OfficePlace;

    public ClaimState State { get; private set; }

    /// <summary>What the claim bills: its lines' charges, the whole fee (the payer decides who pays what).</summary>
    public decimal Total { get; private set; }

    /// <summary>What the payer has paid, net of takebacks.</summary>
    public decimal Paid { get; private set; }

    /// <summary>What the payer said the client owes (PR adjustments): deductible, coinsurance, copay.</summary>
    public decimal PatientResponsibility { get; private set; }

    /// <summary>Written off or otherwise adjusted by the payer (CO, OA, PI): not owed by anyone.</summary>
    public decimal Adjusted { get; private set; }

    /// <summary>The batch it was sent in, once put in one.</summary>
    public int? BatchNumber { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? SubmittedAt { get; private set; }

    /// <summary>Changes with every posting, so two postings at once cannot both pass on the same copy.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<InsuranceClaimLine> Lines => _lines;

    /// <summary>Still waiting for the payer: what the payer is expected to pay counts as owed by it.</summary>
    public bool IsOpen => State is ClaimState.Open or ClaimState.Submitted;

    /// <summary>
    /// The claim for an invoice, or null when the invoice is not one to claim: a missed-session charge (rule 7) or a
    /// self-pay client's invoice. A copay that covers the whole fee is still claimed: the payer counts the visit
    /// towards the deductible and out-of-pocket limit, and contracts ask for every covered visit to be filed.
    /// </summary>
    public static InsuranceClaim? ForInvoice(Invoice invoice, string clinicianId, Instant now)
    {
        if (invoice.Kind != InvoiceKind.Service || invoice.Payer is null || invoice.Status == InvoiceStatus.Void)
        {
            return null;
        }

        var id = Guid.CreateVersion7().ToString("N");
        var claim = new InsuranceClaim
        {
            Id = id,
            Number = NumberFor(id),
            InvoiceId = invoice.Id,
            ClientId = invoice.ClientId,
            AppointmentId = invoice.AppointmentId,
            ClinicianId = clinicianId,
            Payer = invoice.Payer,
            MemberId = invoice.MemberId ?? "",
            ServiceDate = invoice.ServiceDate,
            PlaceOfService = invoice.PlaceOfService,
            State = ClaimState.Open,
            CreatedAt = now,
        };
        var telehealth = invoice.PlaceOfService is Invoice.TelehealthPlace or Claim.TelehealthAtHomePlace;
        foreach (var line in invoice.Lines.Where(l => l.ServiceCode is not null))
        {
            claim._lines.Add(new InsuranceClaimLine(id, line.ServiceCode!, telehealth ? Claim.TelehealthModifier : null, line.Fee, 1, invoice.ServiceDate));
        }

        claim.Total = claim._lines.Sum(l => l.Charge);
        return claim;
    }

    /// <summary>
    /// "C" and the last sixteen characters of the claim's own id, upper case: 17 characters, within the 20 payers return,
    /// and random in its last 62 bits, so numbers do not repeat (a unique index makes sure).
    /// </summary>
    public static string NumberFor(string claimId) => "C" + claimId[^16..].ToUpperInvariant();

    /// <summary>The claim as a payer reads it, with today's identities of the practice, the clinician and the client.</summary>
    public Claim ToClaim(BillingProvider billingProvider, Subscriber subscriber, Payer payer, IReadOnlyList<string> diagnosisCodes, RenderingProvider rendering)
    {
        int[] pointers = [.. Enumerable.Range(1, Math.Min(diagnosisCodes.Count, ClaimCheck.PointersPerLine))];
        return new Claim(Number, InvoiceKind.Service, billingProvider, subscriber, payer, PlaceOfService, diagnosisCodes, rendering,
            [.. _lines.Select(l => new ServiceLine(l.ServiceCode, l.Modifier, l.Charge, l.Units, l.Date, pointers))]);
    }

    /// <summary>Puts the claim in a batch; only an open claim not yet in one may go.</summary>
    public Refusal? AddToBatch(int batchNumber)
    {
        if (State != ClaimState.Open)
        {
            return new Refusal(RefusalCodes.ClaimNotOpen, $"Claim {Number} is {State.ToString().ToLowerInvariant()}: only an open claim can be sent.", "claimIds");
        }

        if (BatchNumber is { } other)
        {
            return new Refusal(RefusalCodes.ClaimNotOpen, $"Claim {Number} is already in batch {other}.", "claimIds");
        }

        BatchNumber = batchNumber;
        Version++;
        return null;
    }

    /// <summary>The batch's file was taken to be sent: the claim is with the payer.</summary>
    public void Submit(Instant now)
    {
        if (State == ClaimState.Open && BatchNumber is not null)
        {
            State = ClaimState.Submitted;
            SubmittedAt = now;
            Version++;
        }
    }

    /// <summary>The invoice was voided: a claim the payer has not paid on goes with it; one paid on stays for the money it holds.</summary>
    public void VoidWithInvoice()
    {
        if (IsOpen && Paid == 0)
        {
            State = ClaimState.Void;
            Version++;
        }
    }

    /// <summary>
    /// Posts what the payer did: the amount paid and its adjustments. PR adjustments are what the client owes;
    /// the rest (CO contractual, OA, PI) are written off. <paramref name="final"/> closes the claim as paid
    /// (or denied when <paramref name="denied"/>); a partial payment by hand leaves it waiting for the rest.
    /// </summary>
    public Outcome Post(decimal paid, IReadOnlyList<Adjustment> adjustments, bool denied, bool final)
    {
        if (State == ClaimState.Void)
        {
            return new Refusal(RefusalCodes.ClaimNotOpen, $"Claim {Number} is void.", "claimId");
        }

        if (Money.Round(paid) != paid || adjustments.Any(a => Money.Round(a.Amount) != a.Amount))
        {
            return Refusal.Invalid("paid", "Amounts are in whole cents.");
        }

        Paid += paid;
        PatientResponsibility += adjustments.Where(a => a.Group == PatientGroup).Sum(a => a.Amount);
        Adjusted += adjustments.Where(a => a.Group != PatientGroup).Sum(a => a.Amount);
        if (denied)
        {
            State = ClaimState.Denied;
        }
        else if (final || Paid + PatientResponsibility + Adjusted >= Total)
        {
            State = ClaimState.Paid;
        }
        else if (State == ClaimState.Open && BatchNumber is null)
        {
            State = ClaimState.Submitted;
        }

        Version++;
        return Outcome.Done;
    }

    /// <summary>The payer takes back money it paid on the claim (an overpayment, a payment reversed): it waits for the payer again.</summary>
    public Outcome TakeBack(decimal amount)
    {
        if (amount <= 0 || Money.Round(amount) != amount || amount > Paid)
        {
            return Refusal.Invalid("amount", $"Take back from 0.01 up to the {Paid:0.00} paid on claim {Number}.");
        }

        Paid -= amount;
        State = ClaimState.Submitted;
        Version++;
        return Outcome.Done;
    }

    /// <summary>What the payer is still expected to pay: nothing once it has decided (paid, denied) or the claim is void.</summary>
    public decimal PayerBalance(decimal payerShare) => IsOpen ? Math.Max(0, payerShare - Paid) : 0;

    /// <summary>The CAS group of patient responsibility.</summary>
    public const string PatientGroup = "PR";
}
