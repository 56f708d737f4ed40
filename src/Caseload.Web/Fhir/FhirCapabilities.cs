using System.Reflection;
using Hl7.Fhir.Model;

namespace Caseload.Web.Fhir;

/// <summary>
/// What this server serves, said once: the resource types, their interactions and search parameters. The
/// CapabilityStatement, the search parser and the route for unknown types all read this table, so the
/// statement lists exactly what answers.
/// </summary>
public static class FhirCapabilities
{
    public static readonly IReadOnlyDictionary<string, string[]> Searches = new Dictionary<string, string[]>
    {
        ["Appointment"] = ["date", "patient", "practitioner", "status"],
        ["Encounter"] = ["date", "patient"],
        ["Group"] = ["member"],
        ["Patient"] = ["birthdate", "name"],
        ["Practitioner"] = ["name"],
    };

    public static IReadOnlyCollection<string> SearchParametersOf(string type) => Searches.TryGetValue(type, out var names) ? names : [];

    /// <summary>The R4 definition of a search parameter of a resource type: its canonical URL and type.</summary>
    public static SearchParamDefinition Definition(string type, string name) =>
        ModelInfo.SearchParameters.Single(p => p.Resource == type && p.Name == name);

    public static CapabilityStatement Statement(string baseUrl) => new()
    {
        Url = $"{baseUrl}/metadata",
        Name = "CaseloadFhirR4",
        Title = "Caseload FHIR R4 API",
        Status = PublicationStatus.Active,
        Date = "2026-12-01",
        Publisher = "Caseload",
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent
        {
            Name = "Caseload",
            Version = typeof(FhirCapabilities).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0],
        },
        Implementation = new CapabilityStatement.ImplementationComponent
        {
            Description = "Caseload practice-management: clients, clinicians, groups and their sessions, read-only",
            Url = baseUrl,
        },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = "Read and search only. Searches return at most " + FhirSearch.MaxCount + " entries a page ("
                    + FhirSearch.DefaultCount + " unless _count says otherwise) and follow Prefer: handling=strict for unsupported parameters.",
                Security = new CapabilityStatement.SecurityComponent
                {
                    Cors = false,
                    Description = "Send Authorization: Bearer with the access token of POST /api/v1/auth/login (a staff account). "
                        + "Each user sees what their role and caseload allow in the rest of Caseload.",
                },
                Resource = [.. Searches.Select(r => new CapabilityStatement.ResourceComponent
                {
                    Type = r.Key,
                    Profile = ModelInfo.CanonicalUriForFhirCoreType(r.Key),
                    Interaction =
                    [
                        new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                        new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                    ],
                    Versioning = CapabilityStatement.ResourceVersionPolicy.NoVersion,
                    ReadHistory = false,
                    UpdateCreate = false,
                    SearchParam = [.. r.Value.Select(name => Definition(r.Key, name)).Select(d => new CapabilityStatement.SearchParamComponent
                    {
                        Name = d.Name,
                        Definition = d.Url,
                        Type = d.Type,
                    })],
                })],
            },
        ],
    };
}
