using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Caseload.Web.Tests.Scheduling;
using Task = System.Threading.Tasks.Task;

namespace Caseload.Web.Tests.Fhir;

/// <summary>
/// A practice with every state a FHIR resource maps: a clinician's group of two (Alice, Bob); last week's group
/// session where Alice attended and Bob missed; next week's session Bob was taken off; Alice's cancelled individual
/// session in three days; Bob's individual session two days ago that he missed.
/// </summary>
public sealed record FhirPractice(GroupSetup Setup, string PastSession, string FutureSession, string Cancelled, string NoShow)
{
    public Staff Clinician => Setup.Clinician;

    public HttpClient Http => Setup.Http;

    public string ClinicianId => Setup.ClinicianId;

    public string GroupId => Setup.GroupId;

    public string Alice => Setup.Members[0];

    public string Bob => Setup.Members[1];
}

public static class FhirApi
{
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<FhirPractice> FhirPracticeAsync(this CaseloadApp app)
    {
        var setup = await app.ClinicianWithGroupAsync();
        var (alice, bob) = (setup.Members[0], setup.Members[1]);

        var past = (await setup.Http.BookOneAsync(setup.Session(app.At(-7)))).Id();
        await (await setup.Http.MarkAttendedAsync(past, alice)).AssertSuccessAsync();
        await (await setup.Http.MarkMissedAsync(past, bob)).AssertSuccessAsync();

        var future = (await setup.Http.BookOneAsync(setup.Session(app.At(7)))).Id();
        await (await setup.Http.RemoveInviteeAsync(future, bob)).AssertSuccessAsync();

        var cancelled = (await setup.Http.BookOneAsync(SchedulingApi.Individual(setup.ClinicianId, alice, app.At(3)))).Id();
        await (await setup.Http.PostAsync($"/api/v1/appointments/{cancelled}/cancel", null, Ct)).AssertSuccessAsync();

        var noShow = (await setup.Http.BookOneAsync(SchedulingApi.Individual(setup.ClinicianId, bob, app.At(-2)))).Id();
        await (await setup.Http.MarkMissedAsync(noShow, bob)).AssertSuccessAsync();

        return new FhirPractice(setup, past, future, cancelled, noShow);
    }

    /// <summary>GETs a FHIR path and reads the answer with the SDK; fails the test unless it is the expected status and the FHIR media type.</summary>
    public static async Task<T> FhirAsync<T>(this HttpClient http, string path, HttpStatusCode expected = HttpStatusCode.OK, bool strict = false)
        where T : Resource
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path.StartsWith("http", StringComparison.Ordinal) ? path : "/fhir/r4/" + path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        if (strict)
        {
            request.Headers.Add("Prefer", "handling=strict");
        }

        var response = await http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var resource = JsonSerializer.Deserialize<Resource>(body, Options);
        return Assert.IsType<T>(resource);
    }

    public static Task<Bundle> SearchAsync(this HttpClient http, string query, bool strict = false) => http.FhirAsync<Bundle>(query, strict: strict);

    public static string[] Ids(this Bundle bundle) => [.. bundle.Entry.Select(e => e.Resource!.Id!)];

    public static T[] Resources<T>(this Bundle bundle) where T : Resource => [.. bundle.Entry.Select(e => Assert.IsType<T>(e.Resource))];

    public static string? Link(this Bundle bundle, string relation) => bundle.Link.FirstOrDefault(l => l.Relation == relation)?.Url;
}
