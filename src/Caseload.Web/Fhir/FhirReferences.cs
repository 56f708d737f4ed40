namespace Caseload.Web.Fhir;

/// <summary>Reading a reference search value: <c>Patient/abc</c>, a full URL ending so, or the bare id.</summary>
public static class FhirReferences
{
    /// <returns>The id, or null when the value names another resource type.</returns>
    public static string? IdOf(string value, string type)
    {
        var parts = value.TrimEnd('/').Split('/');
        if (parts.Length == 1)
        {
            return parts[0];
        }

        return parts[^2] == type ? parts[^1] : null;
    }
}
