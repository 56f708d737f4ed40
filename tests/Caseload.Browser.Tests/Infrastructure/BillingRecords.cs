using System.Net.Http.Json;
using System.Text.Json;

namespace Caseload.Browser.Tests.Infrastructure;

/// <summary>
/// Gives clients insurance and reads the fee schedule over the API, as the administrator, so a billing journey
/// starts from the billing settings it is about and checks amounts against the practice's fees, not a copy of them.
/// </summary>
public static class BillingRecords
{
    /// <summary>Adds a client, as <see cref="CaseloadRecords.AddClientAsync"/> does, billed to insurance: the client owes the copay, the payer the rest.</summary>
    public static async Task<string> AddInsuredClientAsync(
        this CaseloadApp host, string clinicianName, string firstName, string lastName, string dateOfBirth, string payer, string memberId, decimal copay)
    {
        var clientId = await host.AddClientAsync(clinicianName, firstName, lastName, dateOfBirth);
        using var admin = await host.AdminAsync();
        var changed = await admin.PutAsJsonAsync($"/api/v1/clients/{clientId}/billing", new
        {
            billing = new { mode = "insurance", payer, memberId, copay },
            missedSessionFee = (decimal?)null,
        });
        if (!changed.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{changed.RequestMessage?.RequestUri} answered {(int)changed.StatusCode}: {await changed.Content.ReadAsStringAsync()}");
        }

        return clientId;
    }

    /// <summary>The practice fee of a service code, such as 60.00 for 90853 unless an administrator changed it.</summary>
    public static async Task<decimal> PracticeFeeAsync(this CaseloadApp host, string serviceCode)
    {
        using var admin = await host.AdminAsync();
        var codes = await admin.GetFromJsonAsync<JsonElement>("/api/v1/service-codes");
        return codes.EnumerateArray().Single(c => c.GetProperty("code").GetString() == serviceCode).GetProperty("fee").GetDecimal();
    }
}
