using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Caseload.Web.Tests.Fhir;

/// <summary>
/// The Firely validator against the R4 core specification, offline: the specification package's zip is copied next
/// to the tests and read from there. One validator for every test (loading the specification takes seconds).
/// </summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var source = ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip"));
        return new Validator(source, new LocalTerminologyService(source));
    });

    private static readonly Lock Gate = new();

    /// <summary>The validator's errors and fatal issues for the resource (a Bundle is validated with every entry in it).</summary>
    public static IReadOnlyList<string> ErrorsOf(Resource resource)
    {
        OperationOutcome outcome;
        lock (Gate)
        {
            outcome = Shared.Value.Validate(resource);
        }

        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Severity} {i.Code} at {string.Join(", ", i.Expression ?? [])}: {i.Details?.Text ?? i.Diagnostics}")];
    }

    public static void AssertValid(Resource resource)
    {
        var errors = ErrorsOf(resource);
        Assert.True(errors.Count == 0, $"{resource.TypeName}/{resource.Id} has {errors.Count} validation errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }
}
