using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using NodaTime;
using NodaTime.Text;
using Instant = NodaTime.Instant;
using Task = System.Threading.Tasks.Task;

namespace Caseload.Web.Fhir;

/// <summary>
/// How resources go on the wire: the SDK's own System.Text.Json converter (never hand-written JSON), the FHIR
/// media type, and the practice's offset on every instant, as the JSON API writes times.
/// </summary>
public static class FhirWire
{
    public const string MediaType = "application/fhir+json";

    public const string Base = "/fhir/r4";

    public const string FhirVersion = "4.0.1";

    public const string CptSystem = "http://www.ama-assn.org/go/cpt";

    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir();

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Options);

    /// <summary>An instant with the practice's offset at that moment (<c>2026-12-01T10:00:00-05:00</c>).</summary>
    public static string Instant(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static Hl7.Fhir.Model.Instant InstantElement(Instant instant, DateTimeZone zone) => new(instant.InZone(zone).ToDateTimeOffset());

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static ResourceReference Reference(string type, string id, string? display = null) =>
        new($"{type}/{id}") { Display = display };

    /// <summary>The CPT code of a session, with the practice's own wording as text (the official descriptors are licensed).</summary>
    public static CodeableConcept ServiceType(string code, string? description) =>
        new() { Coding = [new Coding(CptSystem, code)], Text = description };
}

/// <summary>A resource (or an OperationOutcome) answered as <c>application/fhir+json</c> with its status code.</summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK) : IResult
{
    public Resource Resource => resource;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = FhirWire.MediaType + "; charset=utf-8";
        await httpContext.Response.WriteAsync(FhirWire.Serialize(resource), httpContext.RequestAborted);
    }
}
