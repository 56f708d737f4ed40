namespace Caseload.Web.Fhir;

/// <summary>
/// The FHIR R4 API at <c>/fhir/r4</c>: read and search of the resources in <see cref="FhirCapabilities"/>, behind the
/// same sign-in as the JSON API. The capability statement is open, as FHIR clients read it before they sign in.
/// </summary>
public static class FhirEndpoints
{
    public static IServiceCollection AddFhir(this IServiceCollection services) => services
        .AddSingleton<FhirIdentifiers>()
        .AddScoped<FhirSessions>()
        .AddScoped<FhirPatients>()
        .AddScoped<FhirPractitioners>()
        .AddScoped<FhirGroups>()
        .AddScoped<FhirAppointments>()
        .AddScoped<FhirEncounters>();

    public static void MapFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup(FhirWire.Base).RequireAuthorization().ExcludeFromDescription();

        fhir.MapGet("/metadata", (HttpRequest request) => new FhirResult(FhirCapabilities.Statement(FhirSearch.BaseUrl(request)))).AllowAnonymous();

        fhir.MapGet("/Patient", (HttpRequest request, FhirPatients patients, CancellationToken ct) => patients.SearchAsync(request, ct));
        fhir.MapGet("/Patient/{id}", (string id, FhirPatients patients, CancellationToken ct) => patients.ReadAsync(id, ct));
        fhir.MapGet("/Practitioner", (HttpRequest request, FhirPractitioners practitioners, CancellationToken ct) => practitioners.SearchAsync(request, ct));
        fhir.MapGet("/Practitioner/{id}", (string id, FhirPractitioners practitioners, CancellationToken ct) => practitioners.ReadAsync(id, ct));
        fhir.MapGet("/Group", (HttpRequest request, FhirGroups groups, CancellationToken ct) => groups.SearchAsync(request, ct));
        fhir.MapGet("/Group/{id}", (string id, FhirGroups groups, CancellationToken ct) => groups.ReadAsync(id, ct));
        fhir.MapGet("/Appointment", (HttpRequest request, FhirAppointments appointments, CancellationToken ct) => appointments.SearchAsync(request, ct));
        fhir.MapGet("/Appointment/{id}", (string id, FhirAppointments appointments, CancellationToken ct) => appointments.ReadAsync(id, ct));
        fhir.MapGet("/Encounter", (HttpRequest request, FhirEncounters encounters, CancellationToken ct) => encounters.SearchAsync(request, ct));
        fhir.MapGet("/Encounter/{id}", (string id, FhirEncounters encounters, CancellationToken ct) => encounters.ReadAsync(id, ct));

        // Any other resource type: a FHIR answer saying it is not served, rather than a bare 404.
        fhir.MapGet("/{type}", (string type) => FhirOutcomes.UnknownResource(type));
        fhir.MapGet("/{type}/{id}", (string type) => FhirOutcomes.UnknownResource(type));
    }
}
