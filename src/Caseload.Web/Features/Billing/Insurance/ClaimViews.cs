using Caseload.Domain.Insurance;
using NodaTime;

namespace Caseload.Web.Features.Billing.Insurance;

/// <summary>Something a payer would reject the claim for, naming the field to fix (<c>renderingProvider.npi</c>, <c>diagnosisCodes</c>…).</summary>
public sealed record ClaimProblem(string Field, string Message);

public sealed record ClaimLineView(string ServiceCode, string? Modifier, LocalDate Date, decimal Charge, int Units);

/// <summary>
/// A claim as billers read it. <see cref="Status"/> is the life-cycle word: <c>incomplete</c> (open, with
/// <see cref="Problems"/>), <c>ready</c>, <c>submitted</c>, <c>paid</c>, <c>denied</c> or <c>void</c>.
/// </summary>
/// <param name="PayerBalance">What the payer is still expected to pay: its share of the invoice less what it paid, while the claim is open.</param>
[FeatureApi]
public sealed record ClaimView(
    string Id,
    string Number,
    string InvoiceId,
    string ClientId,
    string ClientName,
    string ClinicianId,
    string Payer,
    string? PayerId,
    string MemberId,
    string Status,
    LocalDate ServiceDate,
    string PlaceOfService,
    decimal Total,
    decimal Paid,
    decimal PatientResponsibility,
    decimal Adjusted,
    decimal PayerBalance,
    int? BatchNumber,
    IReadOnlyList<string> DiagnosisCodes,
    IReadOnlyList<ClaimProblem> Problems,
    IReadOnlyList<ClaimLineView> Lines);

/// <summary>The words of the claim life cycle, said once for the API and the pages.</summary>
[FeatureApi]
public static class ClaimStatuses
{
    public const string Incomplete = "incomplete";
    public const string Ready = "ready";
    public const string Submitted = "submitted";
    public const string Paid = "paid";
    public const string Denied = "denied";
    public const string Void = "void";

    public static readonly IReadOnlyList<string> All = [Incomplete, Ready, Submitted, Paid, Denied, Void];

    public static string Of(ClaimState state, bool complete) => state switch
    {
        ClaimState.Open => complete ? Ready : Incomplete,
        ClaimState.Submitted => Submitted,
        ClaimState.Paid => Paid,
        ClaimState.Denied => Denied,
        _ => Void,
    };

    /// <summary>The stored state a status word asks for; ready and incomplete are both open claims, told apart by their check.</summary>
    public static ClaimState? StateOf(string status) => status switch
    {
        Incomplete or Ready => ClaimState.Open,
        Submitted => ClaimState.Submitted,
        Paid => ClaimState.Paid,
        Denied => ClaimState.Denied,
        Void => ClaimState.Void,
        _ => null,
    };
}
