using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using static Caseload.Web.Tests.Clients.ClientsApi;

namespace Caseload.Web.Tests.Requests;

/// <summary>Finding 1 of issue 12: a page on another site must not change data through the API with the staff cookie.</summary>
public abstract class CrossSiteRequestTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Changes = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Every API route that changes data, from the app's own endpoint list, so a route added later is walked too.</summary>
    private IEnumerable<(string Method, string Path)> StateChangingApiRoutes() =>
        from endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        let pattern = endpoint.RoutePattern
        where pattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal)
        from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []
        where Changes.Contains(method)
        select (method, Fill(pattern));

    private static string Fill(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Sample(pattern, parameter),
            _ => "",
        }))));

    private static string Sample(RoutePattern pattern, RoutePatternParameterPart parameter) =>
        pattern.ParameterPolicies.TryGetValue(parameter.Name, out var policies) && policies.Any(p => p.Content is "int" or "long")
            ? "1"
            : Guid.NewGuid().ToString();

    [Fact]
    public async Task EveryStateChangingApiRoute_WithTheCookieAndNoAntiforgeryToken_Is400Antiforgery()
    {
        var clinician = await app.CreateStaffAsync($"{Guid.NewGuid():N}@csrf.test.example", "Cross Site", "Clinician", "Administrator");
        var cookie = await app.SignInWithTheCookieAsync(clinician.Email);
        var routes = StateChangingApiRoutes().ToList();
        var answered = new List<string>();

        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
            };
            var response = await cookie.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("\"code\":\"antiforgery\"", StringComparison.Ordinal))
            {
                answered.Add($"{method} {path} answered {(int)response.StatusCode} {body}");
            }
        }

        Assert.True(routes.Count > 30, $"only {routes.Count} state-changing routes found");
        Assert.Contains(routes, r => r.Method == "POST" && r.Path.EndsWith("/discharge", StringComparison.Ordinal));
        Assert.Empty(answered);
    }

    [Fact]
    public async Task Discharge_WithTheCookieAndNoAntiforgeryToken_IsRefusedAndTheClientStaysActive()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));
        var cookie = await app.SignInWithTheCookieAsync(clinician.Email);

        var response = await cookie.PostAsync($"/api/v1/clients/{id}/discharge", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "antiforgery");
        Assert.True((await ClientAsync(clinician.Client, id)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Discharge_AsAPlainFormFromAnotherOrigin_IsRefusedAndTheClientStaysActive()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));
        var cookie = await app.SignInWithTheCookieAsync(clinician.Email);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/clients/{id}/discharge")
        {
            Content = new FormUrlEncodedContent([]),
        };
        request.Headers.Add("Origin", "http://localhost:8081");
        request.Headers.Referrer = new Uri("http://localhost:8081/prize.html");

        var response = await cookie.SendAsync(request, Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "antiforgery");
        Assert.True((await ClientAsync(clinician.Client, id)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Discharge_WithTheCookieAndThePagesToken_IsAccepted()
    {
        var clinician = await app.StaffAsync("Clinician");
        var id = await clinician.Client.CreateClientAsync(NewClient(clinician.ClinicianId));
        var cookie = await app.SignInWithTheCookieAsync(clinician.Email);
        var token = PageSessions.MetaToken(await cookie.GetStringAsync("/Clients", Ct));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/clients/{id}/discharge");
        request.Headers.Add("RequestVerificationToken", token);

        var response = await cookie.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False((await ClientAsync(clinician.Client, id)).GetProperty("active").GetBoolean());
    }

    private static async Task<JsonElement> ClientAsync(HttpClient http, string id) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{id}", Ct);
}

public sealed class CrossSiteRequestSqliteTests(SqliteApp app) : CrossSiteRequestTests(app), IClassFixture<SqliteApp>;

public sealed class CrossSiteRequestPostgresTests(PostgresApp app) : CrossSiteRequestTests(app), IClassFixture<PostgresApp>;
