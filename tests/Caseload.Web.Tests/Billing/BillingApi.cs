using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Caseload.Web.Data;
using Caseload.Web.Features.Billing;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using Caseload.Web.Workers;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Caseload.Web.Tests.Billing;

/// <summary>A clinician running a group whose members each have their own billing settings, all made over the API.</summary>
public sealed record BilledGroup(Staff Clinician, string GroupId, IReadOnlyList<string> Members)
{
    public HttpClient Http => Clinician.Client;

    public string ClinicianId => Clinician.ClinicianId!;

    /// <summary>A 90853 group session for the members named, each with their own invoice choice.</summary>
    public AppointmentPayload Session(string start, params InviteePayload[] invitees) =>
        new("group", ClinicianId, "90853", GroupId, null, start, 50, "Room 4", invitees.Length == 0 ? null : invitees);
}

/// <summary>A client with billing settings, on a new clinician's caseload.</summary>
public sealed record BilledClient(Staff Clinician, string ClientId, string LastName)
{
    public HttpClient Http => Clinician.Client;

    public string ClinicianId => Clinician.ClinicianId!;

    /// <summary>A 90853 session (practice fee 60.00) for this client alone.</summary>
    public AppointmentPayload Session(string start, string? location = "Room 4") =>
        new("individual", ClinicianId, "90853", null, ClientId, start, 50, location);
}

/// <summary>Billing over the pinned API, the practice's day read from the test clock (New York).</summary>
public static class BillingApi
{
    public const string Payer = "Blue Harbor Health";

    /// <summary>The name of the lease <see cref="InvoiceWorker"/> takes.</summary>
    private const string InvoiceLease = "invoices";

    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static LocalDate Today(this CaseloadApp app) =>
        Instant.FromDateTimeOffset(app.Time.GetUtcNow()).InZone(NewYork).Date;

    /// <summary>The practice's date <paramref name="days"/> from today, as the API writes it.</summary>
    public static string Day(this CaseloadApp app, int days = 0) =>
        app.Today().PlusDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 start <paramref name="days"/> from the practice's today at <paramref name="hour"/>:00, New York offset.</summary>
    public static string At(this CaseloadApp app, int days, int hour = 9) =>
        app.Today().PlusDays(days).At(new LocalTime(hour, 0)).InZoneLeniently(NewYork).ToDateTimeOffset()
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A member id no other test uses, so claim rows can be told apart.</summary>
    public static string UniqueMemberId() => "M-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    public static BillingPayload Insured(decimal copay, string? memberId = null) => BillingPayload.Insurance(Payer, memberId ?? UniqueMemberId(), copay);

    public static async Task<string> CreateBilledClientAsync(this HttpClient http, string clinicianId, BillingPayload billing, string firstName, string lastName)
    {
        var payload = ClientsApi.NewClient(clinicianId, firstName, lastName) with { Billing = billing };
        return await http.CreateClientAsync(payload);
    }

    /// <summary>A new clinician with one client billed as <paramref name="billing"/>.</summary>
    public static async Task<BilledClient> BilledClientAsync(this CaseloadApp app, BillingPayload billing)
    {
        var clinician = await app.StaffAsync("Clinician");
        var lastName = ClientsApi.UniqueName("Payer");
        var client = await clinician.Client.CreateBilledClientAsync(clinician.ClinicianId!, billing, "Ada", lastName);
        return new BilledClient(clinician, client, lastName);
    }

    /// <summary>A new clinician running a new group with one member per billing setting given, in that order.</summary>
    public static async Task<BilledGroup> BilledGroupAsync(this CaseloadApp app, params BillingPayload[] members)
    {
        var clinician = await app.StaffAsync("Clinician");
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId, SchedulingApi.UniqueName("Group "), null);
        var clients = new List<string>();
        for (var i = 0; i < members.Length; i++)
        {
            var client = await clinician.Client.CreateBilledClientAsync(clinician.ClinicianId!, members[i], $"Member{i}", ClientsApi.UniqueName("Member"));
            await SchedulingApi.AddMemberAsync(clinician.Client, group, client);
            clients.Add(client);
        }

        return new BilledGroup(clinician, group, clients);
    }

    public static async Task<JsonElement[]> InvoicesAsync(this HttpClient http, string? clientId = null, string? appointmentId = null)
    {
        var query = new List<string>();
        if (clientId is not null)
        {
            query.Add($"clientId={clientId}");
        }

        if (appointmentId is not null)
        {
            query.Add($"appointmentId={appointmentId}");
        }

        var response = await http.GetAsync("/api/v1/invoices" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }

    public static async Task<JsonElement> InvoiceAsync(this HttpClient http, string id)
    {
        var response = await http.GetAsync($"/api/v1/invoices/{id}", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>The single invoice of one client for one appointment; fails unless there is exactly one.</summary>
    public static async Task<JsonElement> OnlyInvoiceAsync(this HttpClient http, string appointmentId) =>
        Assert.Single(await http.InvoicesAsync(appointmentId: appointmentId));

    public static async Task<JsonElement> LedgerAsync(this HttpClient http, string clientId)
    {
        var response = await http.GetAsync($"/api/v1/clients/{clientId}/ledger", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>The pinned form: <c>{invoiceId, amount, method}</c>.</summary>
    public static Task<HttpResponseMessage> PayAsync(this HttpClient http, string invoiceId, decimal amount, string method = "card") =>
        http.PostAsJsonAsync("/api/v1/payments", new { invoiceId, amount, method }, Ct);

    public static Task<HttpResponseMessage> PostPaymentAsync(this HttpClient http, object body) =>
        http.PostAsJsonAsync("/api/v1/payments", body, Ct);

    /// <summary>Pays and returns the 201 body; fails the test otherwise.</summary>
    public static async Task<JsonElement> PaidAsync(this HttpClient http, object body)
    {
        var response = await http.PostPaymentAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static Task<HttpResponseMessage> RefundAsync(this HttpClient http, string paymentId, decimal amount) =>
        http.PostAsJsonAsync($"/api/v1/payments/{paymentId}/refund", new { amount }, Ct);

    public static Task<HttpResponseMessage> VoidAsync(this HttpClient http, string invoiceId, string? reason = "Booked in error") =>
        http.PostAsJsonAsync($"/api/v1/invoices/{invoiceId}/void", new { reason }, Ct);

    public static decimal Money(this JsonElement element, string property) => element.GetProperty(property).GetDecimal();

    /// <summary>Runs the background worker once, as its timer would.</summary>
    public static Task<int> RunInvoiceWorkerAsync(this CaseloadApp app) =>
        app.Services.GetRequiredService<InvoiceWorker>().RunOnceAsync(Ct);

    /// <summary>
    /// Lets an imaginary other instance hold the invoice worker's lease for <paramref name="length"/>, so this app's
    /// own background worker stands aside and only the issuers a test starts itself race each other.
    /// </summary>
    public static async Task HoldInvoiceLeaseElsewhereAsync(this CaseloadApp app, TimeSpan length)
    {
        var until = Instant.FromDateTimeOffset(app.Time.GetUtcNow()) + Duration.FromTimeSpan(length);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        if (await db.Leases.FindAsync([InvoiceLease], Ct) is { } lease)
        {
            lease.Holder = "another-instance";
            lease.ExpiresAt = until;
        }
        else
        {
            db.Leases.Add(new Lease { Name = InvoiceLease, Holder = "another-instance", ExpiresAt = until });
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The imaginary other instance lets the lease go, so this app's worker takes it on its next run.</summary>
    public static async Task ReleaseInvoiceLeaseAsync(this CaseloadApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var lease = await db.Leases.FindAsync([InvoiceLease], Ct);
        lease!.ExpiresAt = Instant.MinValue;
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Runs the issuer once in a scope of its own, as another request or instance would.</summary>
    public static async Task<int> IssueDueInvoicesAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IssueInvoices>().IssueDueAsync(null, Ct);
    }

    /// <summary>
    /// Starts every issuer on a thread of its own at the same moment (SQLite's provider does its I/O synchronously,
    /// so plain <c>Task.WhenAll</c> would run them one after another) and returns how many invoices each issued.
    /// </summary>
    public static async Task<int[]> AllAtOnceAsync(params Func<Task<int>>[] issuers)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = issuers.Select(issue => Task.Run(async () =>
        {
            await go.Task;
            return await issue();
        })).ToArray();
        go.SetResult();
        return await Task.WhenAll(running);
    }

    public static async Task<string> ClaimsCsvTextAsync(this HttpClient http, string from, string to)
    {
        var response = await http.GetAsync($"/api/v1/billing/claims.csv?from={from}&to={to}", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>RFC 4180: rows of cells, quotes and embedded commas and quotes honoured.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. cells]);
                cells.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add([.. cells]);
        }

        return rows;
    }
}
