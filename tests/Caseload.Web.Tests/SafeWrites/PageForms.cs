using System.Text.RegularExpressions;
using Caseload.Web.Tests.Billing;

namespace Caseload.Web.Tests.SafeWrites;

/// <summary>Fills the booking window as a person would, with the antiforgery token and the one-time key its render carries.</summary>
public static partial class PageForms
{
    public static async Task<Dictionary<string, string>> BookingFormAsync(BilledClient client, string date)
    {
        var page = await client.Http.GetStringAsync($"/Appointments/New?start={date}T10:00", TestContext.Current.CancellationToken);
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(page, "__RequestVerificationToken"),
            ["IdempotencyKey"] = Hidden(page, "IdempotencyKey"),
            ["Input.IsGroup"] = "false",
            ["Input.ClinicianId"] = client.ClinicianId,
            ["Input.ServiceCode"] = "90853",
            ["Input.ClientId"] = client.ClientId,
            ["Input.ClientCreateInvoice"] = "true",
            ["Input.Date"] = date,
            ["Input.Time"] = "10:00",
            ["Input.DurationMinutes"] = "50",
            ["Input.Location"] = "Room 4",
            ["Input.Repeat"] = "none",
        };
    }

    private static string Hidden(string html, string name) =>
        HiddenValue().Matches(html).Select(m => (Name: m.Groups["name"].Value, Value: m.Groups["value"].Value)).First(p => p.Name == name).Value;

    [GeneratedRegex("<input[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenValue();
}
