using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Reminders;
using MimeKit;

namespace Caseload.Web.Tests.Portal;

/// <summary>An invited client of a clinician: the client's id and the email they sign in with.</summary>
public sealed record InvitedClient(Staff Clinician, string ClientId, string Email);

public static partial class PortalApi
{
    public const string SignIn = "/portal/api/v1/sign-in";
    public const string Verify = "/portal/api/v1/sign-in/verify";
    public const string Me = "/portal/api/v1/me";
    public const string SignOut = "/portal/api/v1/sign-out";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Turns the portal on or off as an administrator, keeping every other setting.</summary>
    public static async Task SetPortalAsync(this CaseloadApp app, bool enabled)
    {
        using var admin = await app.AdminAsync();
        var practice = await admin.GetFromJsonAsync<Dictionary<string, JsonElement>>("/api/v1/practice", Ct);
        practice!["portal"] = JsonSerializer.SerializeToElement(new { enabled });
        var response = await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    public static string NewEmail() => $"{Guid.NewGuid():N}@client.test";

    /// <summary>A new client of a new clinician with a unique email, not yet invited.</summary>
    public static async Task<InvitedClient> ClientWithEmailAsync(this CaseloadApp app, string? email = null)
    {
        var clinician = await app.StaffAsync("Clinician");
        email ??= NewEmail();
        var clientId = await clinician.Client.CreateClientAsync(ClientsApi.NewClient(clinician.ClinicianId) with { Email = email });
        return new InvitedClient(clinician, clientId, email);
    }

    /// <summary>The clinician puts another email in the client's chart.</summary>
    public static async Task ChangeChartEmailAsync(this InvitedClient client, string email)
    {
        var response = await client.Clinician.Client.PutAsJsonAsync($"/api/v1/clients/{client.ClientId}",
            ClientsApi.NewClient(client.Clinician.ClinicianId) with { Email = email }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    public static Task<HttpResponseMessage> InviteAsync(this HttpClient staff, string clientId) =>
        staff.PostAsync($"/api/v1/clients/{clientId}/portal-invite", null, Ct);

    /// <summary>A client invited by their clinician, with the invitation email arrived; the portal is turned on first.</summary>
    public static async Task<InvitedClient> InvitedClientAsync(this ReminderApp app)
    {
        await app.SetPortalAsync(true);
        var client = await app.ClientWithEmailAsync();
        var invited = await client.Clinician.Client.InviteAsync(client.ClientId);
        Assert.True(invited.StatusCode == HttpStatusCode.Accepted, await invited.Content.ReadAsStringAsync(Ct));
        await app.Inbox.WaitForAsync(client.Email, 1);
        return client;
    }

    public static Task<HttpResponseMessage> AskForCodeAsync(this CaseloadApp app, string email) =>
        app.CreateClient().PostAsJsonAsync(SignIn, new { email }, Ct);

    public static Task<HttpResponseMessage> VerifyAsync(this CaseloadApp app, string email, string code) =>
        app.CreateClient().PostAsJsonAsync(Verify, new { email, code }, Ct);

    /// <summary>Asks for a code and reads it from the email that arrives (the <paramref name="nth"/> email to that address).</summary>
    public static async Task<string> NewCodeAsync(this ReminderApp app, string email)
    {
        var before = app.Inbox.To(email).Count;
        Assert.Equal(HttpStatusCode.Accepted, (await app.AskForCodeAsync(email)).StatusCode);
        var messages = await app.Inbox.WaitForAsync(email, before + 1);
        return CodeIn(messages[^1]);
    }

    public static string CodeIn(MimeMessage message) =>
        SixDigits().Match(message.TextBody ?? "") is { Success: true } m ? m.Value : throw new InvalidOperationException("No code in: " + message.TextBody);

    /// <summary>The client signed in over the API: an HTTP client carrying their bearer token.</summary>
    public static async Task<HttpClient> SignedInAsync(this ReminderApp app, InvitedClient client)
    {
        var code = await app.NewCodeAsync(client.Email);
        var response = await app.VerifyAsync(client.Email, code);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Waits (real time: the emails go out in the background) until <paramref name="count"/> messages reached the address.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(this SmtpInbox inbox, string address, int count)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (inbox.To(address) is { } messages && messages.Count >= count)
            {
                return messages;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), Ct);
        }

        throw new TimeoutException($"{inbox.To(address).Count} of {count} emails reached {address}.");
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
