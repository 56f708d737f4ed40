using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Web.Tests.Notes;

namespace Caseload.Web.Tests.Settings;

/// <summary>Sets the practice's date format over the API, keeping every other setting as it is.</summary>
public static class PracticeDates
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task UseDateFormatAsync(this CaseloadApp app, string format)
    {
        var admin = await app.AdminAsync();
        var practice = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/practice", Ct))!;
        practice["dateFormat"] = format;
        await (await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct)).AssertOkAsync();
    }
}
