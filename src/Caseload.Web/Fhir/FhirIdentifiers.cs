namespace Caseload.Web.Fhir;

/// <summary>
/// The identifier systems of the practice's own record numbers: <c>Caseload:Fhir:IdentifierSystem</c> (a URI the
/// practice owns, such as <c>https://practice.example/fhir/sid</c>) followed by <c>/client</c> or <c>/clinician</c>;
/// without it, <c>urn:caseload:client</c> and <c>urn:caseload:clinician</c>.
/// </summary>
public sealed class FhirIdentifiers(IConfiguration configuration)
{
    private readonly string _base = configuration["Caseload:Fhir:IdentifierSystem"]?.TrimEnd('/', ':') is { Length: > 0 } configured
        ? configured
        : "urn:caseload";

    public string Client => Of("client");

    public string Clinician => Of("clinician");

    private string Of(string kind) => _base.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) ? $"{_base}:{kind}" : $"{_base}/{kind}";
}
