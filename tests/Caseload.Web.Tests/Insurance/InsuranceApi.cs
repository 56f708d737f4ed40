using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Insurance;

/// <summary>A clinician with a billing identity running a group of insured clients, all made over the API.</summary>
public sealed record InsuredGroup(Staff Clinician, string GroupId, IReadOnlyList<string> Members)
{
    public HttpClient Http => Clinician.Client;

    public string ClinicianId => Clinician.ClinicianId!;

    public AppointmentPayload Session(string start, string location = "Room 4") =>
        new("group", ClinicianId, "90853", GroupId, null, start, 50, location);
}

/// <summary>Insurance billing over the API: the practice's and clinicians' identities, insured clients, claims, batches and 835s.</summary>
public static class InsuranceApi
{
    /// <summary>Valid NPIs: the last digit is the Luhn check digit over 80840 and the first nine.</summary>
    public const string PracticeNpi = "1234567893";
    public const string ClinicianNpi = "1245319599";
    public const string PayerId = "BHH01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Gives the practice its billing provider, clearinghouse and phone (the same every time, so tests may share a practice).</summary>
    public static async Task SetUpClaimsAsync(this CaseloadApp app)
    {
        using var admin = await app.AdminAsync();
        var practice = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/practice", Ct))!;
        practice["phone"] = "+1 555 010 2040";
        practice["billingProvider"] = new JsonObject
        {
            ["name"] = "Harbor Street Counseling", ["npi"] = PracticeNpi, ["taxId"] = "12-3456789", ["taxonomy"] = "251S00000X",
            ["address"] = new JsonObject { ["line1"] = "12 Harbor Street", ["city"] = "Albany", ["state"] = "NY", ["zip"] = "12207" },
        };
        practice["clearinghouse"] = new JsonObject { ["name"] = "Claimsway", ["receiverId"] = "CLAIMSWAY", ["submitterId"] = "HARBORST", ["production"] = false };
        var response = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A clinician whose NPI and taxonomy are set by the administrator.</summary>
    public static async Task<Staff> BillingClinicianAsync(this CaseloadApp app)
    {
        var clinician = await app.StaffAsync("Clinician");
        using var admin = await app.AdminAsync();
        var response = await admin.PutAsJsonAsync($"/api/v1/clinicians/{clinician.ClinicianId}", new { npi = ClinicianNpi, taxonomy = "101YM0800X" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return clinician;
    }

    /// <summary>The billing of an insured client with everything a claim needs, unless told otherwise.</summary>
    public static object Covered(decimal copay = 20m, string[]? diagnoses = null, string? payerId = PayerId, string? memberId = null) => new
    {
        mode = "insurance", payer = BillingApi.Payer, memberId = memberId ?? BillingApi.UniqueMemberId(), copay, payerId,
        subscriberRelationship = "self", diagnosisCodes = diagnoses ?? ["F33.1", "F41.1"],
    };

    public static async Task<string> CreateInsuredClientAsync(this HttpClient http, string clinicianId, object billing, string firstName = "Ada")
    {
        var payload = ClientsApi.NewClient(clinicianId, firstName, ClientsApi.UniqueName("Insured"));
        var response = await http.PostAsJsonAsync("/api/v1/clients", new
        {
            payload.FirstName, payload.LastName, payload.DateOfBirth, payload.Email, payload.Mobile, payload.ClinicianId, payload.Reminders, billing,
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("client").GetProperty("id").GetString()!;
    }

    /// <summary>A billing clinician with a group of members billed as given, in that order.</summary>
    public static async Task<InsuredGroup> InsuredGroupAsync(this CaseloadApp app, params object[] members)
    {
        var clinician = await app.BillingClinicianAsync();
        var group = await clinician.Client.CreateGroupAsync(clinician.ClinicianId, SchedulingApi.UniqueName("Group "), null);
        var clients = new List<string>();
        for (var i = 0; i < members.Length; i++)
        {
            var client = await clinician.Client.CreateInsuredClientAsync(clinician.ClinicianId!, members[i], $"Member{i}");
            await SchedulingApi.AddMemberAsync(clinician.Client, group, client);
            clients.Add(client);
        }

        return new InsuredGroup(clinician, group, clients);
    }

    public static async Task<JsonElement[]> ClaimsAsync(this HttpClient http, string? clientId = null, string? status = null)
    {
        var query = new List<string>();
        if (clientId is not null)
        {
            query.Add($"clientId={clientId}");
        }

        if (status is not null)
        {
            query.Add($"status={status}");
        }

        var response = await http.GetAsync("/api/v1/claims" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }

    /// <summary>The one live (not void) claim of a client.</summary>
    public static async Task<JsonElement> OnlyClaimAsync(this HttpClient http, string clientId) =>
        Assert.Single(await http.ClaimsAsync(clientId), c => c.GetProperty("status").GetString() != "void");

    public static Task<HttpResponseMessage> BatchAsync(this HttpClient http, params string[] claimIds) =>
        http.PostAsJsonAsync("/api/v1/claims/batches", new { claimIds }, Ct);

    /// <summary>Batches the claims and downloads the file; fails unless both succeed.</summary>
    public static async Task<(string BatchId, string File)> SendAsync(this HttpClient http, params string[] claimIds)
    {
        var batch = await http.BatchAsync(claimIds);
        Assert.True(batch.StatusCode == HttpStatusCode.Created, await batch.Content.ReadAsStringAsync(Ct));
        var id = (await batch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var file = await http.GetAsync($"/api/v1/claims/batches/{id}/837p", Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/edi-x12", file.Content.Headers.ContentType?.MediaType);
        return (id, await file.Content.ReadAsStringAsync(Ct));
    }

    public static Task<HttpResponseMessage> PostRemittanceAsync(this HttpClient http, string text) =>
        http.PostAsync("/api/v1/remittances", new StringContent(text, Encoding.ASCII, "application/edi-x12"), Ct);

    public static async Task<JsonElement> RemitAsync(this HttpClient http, string text)
    {
        var response = await http.PostRemittanceAsync(text);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>What the payer side of the ageing report says a payer owes in all, 0 when it is not listed.</summary>
    public static async Task<decimal> PayerOwesAsync(this HttpClient http, string payer)
    {
        var outstanding = await http.GetFromJsonAsync<JsonElement>("/api/v1/billing/outstanding", Ct);
        return outstanding.GetProperty("payers").EnumerateArray().Where(p => p.GetProperty("id").GetString() == payer)
            .Select(p => p.GetProperty("ageing").GetProperty("total").GetDecimal()).SingleOrDefault();
    }

    public static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>One claim's part of an 835: its status code (1 paid, 4 denied), amounts, and CAS groups with reason and amount.</summary>
public sealed record Clp(string ClaimNumber, string Status, decimal Charge, decimal Paid, decimal PatientResponsibility, params (string Group, string Reason, decimal Amount)[] Adjustments);

/// <summary>Writes an 835 as a payer would, one transaction set, with its counts right.</summary>
public static class Era
{
    public static string Write(string payer, string trace, decimal payment, int control, params Clp[] claims)
    {
        var body = new List<string>
        {
            $"BPR*I*{InsuranceApi.Amount(payment)}*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*20261215",
            $"TRN*1*{trace}*1512345678",
            $"N1*PR*{payer}",
            "N1*PE*Harbor Street Counseling*XX*1234567893",
            "LX*1",
        };
        foreach (var clp in claims)
        {
            body.Add($"CLP*{clp.ClaimNumber}*{clp.Status}*{InsuranceApi.Amount(clp.Charge)}*{InsuranceApi.Amount(clp.Paid)}*{InsuranceApi.Amount(clp.PatientResponsibility)}*12*PAYER{clp.ClaimNumber}");
            foreach (var group in clp.Adjustments.GroupBy(a => a.Group))
            {
                body.Add($"CAS*{group.Key}*" + string.Join("**", group.Select(a => $"{a.Reason}*{InsuranceApi.Amount(a.Amount)}")));
            }
        }

        var c = control.ToString("000000000", CultureInfo.InvariantCulture);
        string[] segments =
        [
            $"ISA*00*          *00*          *ZZ*BLUEHARBOR     *ZZ*HARBORST       *261215*0930*^*00501*{c}*0*P*:",
            $"GS*HP*BLUEHARBOR*HARBORST*20261215*0930*{control}*X*005010X221A1",
            "ST*835*0001",
            .. body,
            $"SE*{body.Count + 2}*0001",
            $"GE*1*{control}",
            $"IEA*1*{c}",
        ];
        return string.Concat(segments.Select(s => s + "~\n"));
    }
}
