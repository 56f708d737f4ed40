using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.SafeWrites;

/// <summary>Issue 12, finding 3: every free-text field has a maximum length; longer is 400 naming the field, never stored, never a 500.</summary>
public abstract class InputLimitTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Over(int limit) => new('x', limit + 1);

    [Fact]
    public async Task AMemoOfTenMegabytes_Is400NamingMemo()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());

        var response = await client.Http.PostAppointmentAsync(client.Session(BillingApi.At(app, 7)) with { Memo = new string('m', 10 * 1024 * 1024) });

        await response.AssertFieldErrorAsync("memo");
    }

    [Fact]
    public async Task TheBookingWindow_WithALocationOverItsLimit_ShowsTheMessageBesideTheField_AndBooksNothing()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay());
        var form = await PageForms.BookingFormAsync(client, BillingApi.Day(app, 7));
        form["Input.Location"] = Over(300);

        var response = await client.Http.PostAsync("/Appointments/New", new FormUrlEncodedContent(form), Ct);

        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Matches("data-valmsg-for=\"Input.Location\"[^>]*>At most 300 characters.<", page);
        Assert.Empty(await client.Http.ArrayAsync($"/api/v1/appointments?from={BillingApi.Day(app, 7)}&to={BillingApi.Day(app, 7)}&clinicianId={client.ClinicianId}"));
    }

    public static TheoryData<string> Fields =>
    [
        "appointment location", "appointment memo", "changed memo", "missed reason", "void reason", "payment reference",
        "client first name", "client last name", "client email", "client mobile", "group name", "practice phone", "practice rooms",
    ];

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task AFreeTextField_OneCharacterOverItsLimit_Is400NamingIt(string field)
    {
        var (response, name) = await SendOverLimitAsync(field);

        await response.AssertFieldErrorAsync(name);
    }

    private async Task<(HttpResponseMessage Response, string Field)> SendOverLimitAsync(string field)
    {
        var admin = await app.AdminAsync();
        switch (field)
        {
            case "appointment location":
            case "appointment memo":
            {
                var client = await app.BilledClientAsync(BillingPayload.SelfPay());
                var booking = client.Session(BillingApi.At(app, 7));
                return field == "appointment location"
                    ? (await client.Http.PostAppointmentAsync(booking with { Location = Over(300) }), "location")
                    : (await client.Http.PostAppointmentAsync(booking with { Memo = Over(2000) }), "memo");
            }

            case "changed memo":
            {
                var client = await app.BilledClientAsync(BillingPayload.SelfPay());
                var booked = await client.Http.BookOneAsync(client.Session(BillingApi.At(app, 7)));
                return (await client.Http.PatchAsJsonAsync($"/api/v1/appointments/{booked.Id()}", new { memo = Over(2000) }, Ct), "memo");
            }

            case "missed reason":
            {
                var session = await app.BookedAsync(SessionDay.Today);
                return (await session.Http.MarkMissedAsync(session.Id, session.Alice, Over(500)), "reason");
            }

            case "void reason":
            case "payment reference":
            {
                var client = await app.BilledClientAsync(BillingPayload.SelfPay());
                await client.Http.BookOneAsync(client.Session(BillingApi.At(app, 0)));
                var invoice = Assert.Single(await client.Http.InvoicesAsync(client.ClientId)).Text("id");
                return field == "void reason"
                    ? (await admin.VoidAsync(invoice, Over(500)), "reason")
                    : (await admin.PostPaymentAsync(new { invoiceId = invoice, amount = 10m, method = "cash", reference = Over(100) }), "reference");
            }

            case "group name":
            {
                var clinician = await app.StaffAsync("Clinician");
                return (await clinician.Client.PostAsJsonAsync("/api/v1/groups",
                    new { name = Over(120), clinicianId = clinician.ClinicianId, serviceCode = "90853" }, Ct), "name");
            }

            case "practice phone":
            case "practice rooms":
            {
                var practice = JsonNode.Parse(await admin.GetStringAsync("/api/v1/practice", Ct))!;
                if (field == "practice phone")
                {
                    practice["phone"] = Over(40);
                }
                else
                {
                    practice["rooms"] = new JsonArray(Over(100));
                }

                return (await admin.PutAsJsonAsync("/api/v1/practice", practice, Ct), field == "practice phone" ? "phone" : "rooms");
            }

            default:
            {
                var clinician = await app.StaffAsync("Clinician");
                var client = ClientsApi.NewClient(clinician.ClinicianId);
                var (changed, name) = field switch
                {
                    "client first name" => (client with { FirstName = Over(100) }, "firstName"),
                    "client last name" => (client with { LastName = Over(100) }, "lastName"),
                    "client email" => (client with { Email = new string('a', 245) + "@example.com" }, "email"),
                    _ => (client with { Mobile = string.Join("   ", "5550102040".ToCharArray()) }, "mobile"),
                };
                return (await clinician.Client.PostAsJsonAsync("/api/v1/clients", changed, Ct), name);
            }
        }
    }
}

public sealed class InputLimitSqliteTests(SqliteApp app) : InputLimitTests(app), IClassFixture<SqliteApp>;

public sealed class InputLimitPostgresTests(PostgresApp app) : InputLimitTests(app), IClassFixture<PostgresApp>;
