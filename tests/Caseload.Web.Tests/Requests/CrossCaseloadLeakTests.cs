using System.Net;
using System.Net.Http.Json;
using System.Text;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Insurance;
using Caseload.Web.Tests.Notes;
using Caseload.Web.Tests.Scheduling;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Requests;

/// <summary>
/// Issue 12: no API route answers one clinician with another clinician's records, and no route shows note
/// content to a biller or a scheduler. The routes come from the app's own endpoint list, so a route added
/// later is walked too, or the walk fails until it is either filled or skipped on purpose below.
/// </summary>
public abstract class CrossCaseloadLeakTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Routes that are not about a clinician's records, so another clinician's ids mean nothing to them:
    /// sign-in and sessions, the practice's settings, service codes, staff users (administrators only),
    /// the audit trail (administrators only), reminder templates and the test message, and claim batches
    /// (billers and administrators only; each claim in one is checked through its own route).
    /// </summary>
    private static readonly string[] NotAboutACaseload =
    [
        "api/v1/auth",
        "api/v1/practice",
        "api/v1/service-codes",
        "api/v1/users",
        "api/v1/audit",
        "api/v1/reminder-templates",
        "api/v1/reminders/test",
        "api/v1/note-templates",
        "api/v1/claims/batches",
    ];

    private static readonly string[] Order = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private sealed record Route(string Method, RoutePattern Pattern)
    {
        public string Template => "/" + Pattern.RawText!.TrimStart('/');

        public override string ToString() => $"{Method} {Template}";
    }

    /// <summary>B's records, each made over the API, and the strings only B's records hold.</summary>
    private sealed record Other(
        Staff Clinician, string ClientId, string LastName, string GroupId, string GroupName, string AppointmentId, string SeriesId,
        string MissedClientId, string InvoiceId, string PaymentId, string ClaimId, string NoteMarker, string LocationMarker, string MissedMarker)
    {
        /// <summary>Texts no answer to another clinician (or, for the note, to a biller or scheduler) may hold.</summary>
        public IEnumerable<(string What, string Text)> Secrets =>
        [
            ("B's client name", LastName), ("B's group name", GroupName), ("B's note text", NoteMarker),
            ("B's location", LocationMarker), ("B's missed reason", MissedMarker),
        ];

        public IEnumerable<(string What, string Id)> Ids =>
        [
            ("B's client id", ClientId), ("B's missed client id", MissedClientId), ("B's group id", GroupId),
            ("B's appointment id", AppointmentId), ("B's series id", SeriesId), ("B's invoice id", InvoiceId),
            ("B's payment id", PaymentId), ("B's claim id", ClaimId),
        ];
    }

    private IEnumerable<Route> ApiRoutes() =>
        from endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        let pattern = endpoint.RoutePattern
        where pattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal)
        from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []
        select new Route(method, pattern);

    private static bool Skipped(Route route) =>
        NotAboutACaseload.Any(prefix => route.Template.TrimStart('/').StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The route with each parameter filled by B's record of the kind the segment before it names, or null and why not.</summary>
    private static (string? Path, string? Unfilled) Fill(Route route, Other b)
    {
        var segments = route.Pattern.PathSegments;
        var parts = new List<string>();
        for (var i = 0; i < segments.Count; i++)
        {
            var text = new StringBuilder();
            foreach (var part in segments[i].Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        var before = i > 0 && segments[i - 1].Parts is [RoutePatternLiteralPart l] ? l.Content : "";
                        var id = (before, parameter.Name) switch
                        {
                            ("clients", "id") => b.ClientId,
                            ("groups", "id") => b.GroupId,
                            ("appointments", "id") => b.AppointmentId,
                            ("invoices", "id") => b.InvoiceId,
                            ("payments", "id") => b.PaymentId,
                            ("users", "id") => b.Clinician.UserId,
                            ("clinicians", "id") => b.Clinician.ClinicianId,
                            ("claims", "id") => b.ClaimId,
                            ("series", "seriesId") => b.SeriesId,
                            ("invitees" or "members" or "eligible" or "waitlist", "clientId") => b.ClientId,
                            _ => null,
                        };
                        if (id is null)
                        {
                            return (null, $"{{{parameter.Name}}} after '{before}'");
                        }

                        text.Append(id);
                        break;
                }
            }

            parts.Add(text.ToString());
        }

        return ("/" + string.Join("/", parts), null);
    }

    /// <summary>Filters pointing at B's caseload, sent to every GET (routes ignore the ones they do not know).</summary>
    private string Query(Other b) =>
        $"?clinicianId={b.Clinician.ClinicianId}&clientId={b.ClientId}&appointmentId={b.AppointmentId}&q={b.LastName}"
        + $"&from={app.Day(-30)}&to={app.Day(30)}";

    /// <summary>Writes whose body, not their path, names a record: the body names B's instead. Every other write sends <c>{}</c>.</summary>
    private static object? BodyNamingB(Route route, Other b, Staff a) => route.ToString() switch
    {
        "POST /api/v1/appointments/" or "POST /api/v1/appointments/check" =>
            SchedulingApi.Individual(a.ClinicianId, b.ClientId, NotesApi.HeldLastWeek),
        "POST /api/v1/payments" => new { invoiceId = b.InvoiceId, amount = 1.00m, method = "cash" },
        "POST /api/v1/appointments/{id}/invitees" or "POST /api/v1/groups/{id}/members" or "POST /api/v1/groups/{id}/eligible" =>
            new { clientId = b.ClientId },
        _ => null,
    };

    /// <summary>
    /// Clinician B's client (attended) and a second client (missed, with a reason), both in B's group, a weekly group
    /// series whose first session was held a week ago at a marked location, its invoices issued, a payment on one,
    /// the attended client insured so their invoice has a claim, and B's draft group note holding a marker.
    /// </summary>
    private async Task<Other> ClinicianWithEverythingAsync()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);
        var http = setup.Http;
        var marker = SchedulingApi.UniqueName("Marker");
        var location = $"Room {marker}L";
        var missedReason = $"Away {marker}M";
        var noteText = $"Disclosed {marker}N";
        var biller = await app.StaffAsync("Biller");
        var insured = await biller.Client.PutAsJsonAsync($"/api/v1/clients/{setup.Members[0]}/billing", new { billing = InsuranceApi.Covered() }, Ct);
        Assert.Equal(HttpStatusCode.OK, insured.StatusCode);
        var booking = await http.BookAsync(setup.Session(NotesApi.HeldLastWeek) with
        {
            Location = location,
            Recurrence = RecurrencePayload.Weekly(2),
        });
        var appointment = booking.Appointments()[0].Id();
        var seriesId = booking.Text("seriesId");
        var (client, missed) = (setup.Members[0], setup.Members[1]);
        await (await http.MarkAttendedAsync(appointment, client)).AssertSuccessAsync();
        await http.MissedAsync(appointment, missed, new { reason = missedReason, charge = 0m });
        await http.SaveDraftAsync(appointment, new NotePayload(
            new SharedPayload(noteText, "Paced breathing"),
            [new MemberPayload(client, noteText, "Some", "Bright", "Continue")]));
        await app.RunInvoiceWorkerAsync();
        var invoice = (await http.InvoiceOfAsync(appointment, client, "service")).Id();
        var claim = (await biller.Client.ClaimsAsync(client)).Single(c => c.Text("invoiceId") == invoice).Text("id");
        var payment = await app.PayCashAsync(invoice, 1.00m);
        var clientRecord = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/clients/{client}", Ct);
        var lastName = clientRecord.TryGetProperty("client", out var inner) ? inner.Text("lastName") : clientRecord.Text("lastName");
        return new Other(setup.Clinician, client, lastName, setup.GroupId, setup.GroupName, appointment, seriesId, missed, invoice, payment, claim,
            noteText, location, missedReason);
    }

    /// <summary>Where an answer shows any of B's texts, or an id of B's that the request did not name.</summary>
    private static IEnumerable<string> Leaks(string body, string url, Other b, IEnumerable<(string What, string Text)> secrets) =>
        secrets.Where(s => body.Contains(s.Text, StringComparison.OrdinalIgnoreCase)).Select(s => s.What)
            .Concat(b.Ids.Where(i => !url.Contains(i.Id, StringComparison.Ordinal) && body.Contains(i.Id, StringComparison.Ordinal))
                .Select(i => i.What));

    [Fact]
    public async Task EveryCaseloadApiRoute_AsAnotherClinicianWithTheirIds_AnswersNoneOfTheirRecords()
    {
        var b = await ClinicianWithEverythingAsync();
        var a = await app.StaffAsync("Clinician");
        var aGroup = await a.GroupOfTwoAsync();
        await a.Client.BookOneAsync(aGroup.Session(NotesApi.HeldLastWeek));
        var routes = ApiRoutes().Where(r => !Skipped(r)).OrderBy(r => Array.IndexOf(Order, r.Method)).ThenBy(r => r.Template).ToList();
        var failures = new List<string>();
        var query = Query(b);

        foreach (var route in routes)
        {
            var (path, unfilled) = Fill(route, b);
            if (path is null)
            {
                failures.Add($"{route}: no record of B's for {unfilled}: fill it in Fill or skip the route in NotAboutACaseload");
                continue;
            }

            var bodyNamingB = BodyNamingB(route, b, a);
            var url = route.Method == "GET" ? path + query : path;
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
            if (route.Method != "GET")
            {
                request.Content = bodyNamingB is null ? new StringContent("{}", Encoding.UTF8, "application/json") : JsonContent.Create(bodyNamingB);
            }

            var response = await a.Client.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var status = (int)response.StatusCode;
            var namesB = route.Pattern.Parameters.Count > 0 || bodyNamingB is not null;
            var leaks = Leaks(body, url, b, b.Secrets).ToList();

            if (status >= 500)
            {
                failures.Add($"{route}: answered {status} {Short(body)}");
            }
            else if (namesB && status is not (400 or 403 or 404))
            {
                failures.Add($"{route}: answered {status} for B's record (expected 404, 403 or a 400 before any lookup) {Short(body)}");
            }
            else if (leaks.Count > 0)
            {
                failures.Add($"{route}: answered {status} showing {string.Join(", ", leaks)}: {Short(body)}");
            }
        }

        Assert.True(routes.Count > 40, $"only {routes.Count} routes walked");
        Assert.Contains(routes, r => r.ToString() == "GET /api/v1/appointments/{id}/group-note/");
        Assert.Contains(routes, r => r.ToString() == "POST /api/v1/clients/{id}/portal-invite");
        Assert.Contains(routes, r => r.ToString() == "DELETE /api/v1/clients/{id}/portal-invite");
        Assert.True(failures.Count == 0, $"{failures.Count} of {routes.Count} routes leak or fail:\n{string.Join("\n", failures)}");
        var note = await (await b.Clinician.Client.GetNoteAsync(b.AppointmentId)).AssertOkAsync();
        Assert.Contains(b.NoteMarker, note.ToString(), StringComparison.Ordinal);
        Assert.Equal("scheduled", (await b.Clinician.Client.AppointmentAsync(b.AppointmentId)).Text("status"));
    }

    [Theory]
    [InlineData("Biller")]
    [InlineData("Scheduler")]
    public async Task EveryNoteRoute_AsABillerOrScheduler_ShowsNoNoteText(string role)
    {
        var b = await ClinicianWithEverythingAsync();
        var staff = await app.StaffAsync(role);
        var noteRoutes = ApiRoutes().Where(r => r.Method == "GET" && r.Template.Contains("-note", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();

        foreach (var route in noteRoutes)
        {
            var path = Fill(route, b).Path!;
            var response = await staff.Client.GetAsync(path, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if ((int)response.StatusCode >= 500 || body.Contains(b.NoteMarker, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{route}: answered {(int)response.StatusCode} {Short(body)}");
            }
        }

        Assert.True(noteRoutes.Count >= 2, $"only {noteRoutes.Count} note routes found");
        Assert.True(failures.Count == 0, $"{failures.Count} of {noteRoutes.Count} note routes show note text to a {role}:\n{string.Join("\n", failures)}");
    }

    private static string Short(string body) => body.Length <= 300 ? body : body[..300] + "…";
}

public sealed class CrossCaseloadLeakSqliteTests(SqliteApp app) : CrossCaseloadLeakTests(app), IClassFixture<SqliteApp>;

public sealed class CrossCaseloadLeakPostgresTests(PostgresApp app) : CrossCaseloadLeakTests(app), IClassFixture<PostgresApp>;
