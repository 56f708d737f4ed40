using System.Net;
using System.Net.Http.Json;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.SafeWrites;

/// <summary>Issue 12, finding 9: a date outside 1900-01-01..2200-12-31 is 400 naming the field, never a 500.</summary>
public abstract class DateRangeTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> ApiDates => new()
    {
        { "appointment start", "9999-12-01" },
        { "appointment start", "1899-12-31" },
        { "recurrence until", "9999-12-01" },
        { "appointments list", "9999-12-01" },
        { "appointments list", "1899-12-31" },
        { "attendance report", "9999-12-01" },
        { "claims export", "9999-12-01" },
        { "reminders filter", "9999-12-01" },
        { "client date of birth", "9999-12-01" },
        { "client date of birth", "1899-12-31" },
        { "payment received on", "9999-12-01" },
        { "payment received on", "1899-12-31" },
    };

    [Theory]
    [MemberData(nameof(ApiDates))]
    public async Task AnApiDate_OutsideTheSupportedRange_Is400NamingTheField(string surface, string date)
    {
        var (response, field) = await SendAsync(surface, date);

        await response.AssertFieldErrorAsync(field);
    }

    [Theory]
    [InlineData("2200-12-31")]
    [InlineData("1900-01-01")]
    public async Task TheAppointmentsList_AtTheEdgesOfTheRange_Is200(string date)
    {
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync($"/api/v1/appointments?from={date}&to={date}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheRemindersPage_WithAFilterInYear9999_Is400WithAMessage()
    {
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync("/Reminders?from=9999-12-01", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("between 1900-01-01 and 2200-12-31", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCalendarFeed_ForYear9999_Is400()
    {
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync("/?handler=Events&start=9999-12-01T00:00:00&end=9999-12-08T00:00:00", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<(HttpResponseMessage Response, string Field)> SendAsync(string surface, string date)
    {
        var admin = await app.AdminAsync();
        switch (surface)
        {
            case "appointment start":
            case "recurrence until":
            {
                var client = await app.BilledClientAsync(BillingPayload.SelfPay());
                var booking = client.Session(BillingApi.At(app, 7));
                return surface == "appointment start"
                    ? (await client.Http.PostAppointmentAsync(booking with { Start = $"{date}T10:00:00-05:00" }), "start")
                    : (await client.Http.PostAppointmentAsync(booking with { Recurrence = new RecurrencePayload("weekly", 1, null, date) }), "recurrence.until");
            }

            case "appointments list":
                return (await admin.GetAsync($"/api/v1/appointments?from={date}&to={date}", Ct), "from");
            case "attendance report":
                return (await admin.GetAsync($"/api/v1/reports/attendance?from={date}&to={date}", Ct), "from");
            case "claims export":
                return (await admin.GetAsync($"/api/v1/billing/claims.csv?from={date}&to={date}", Ct), "from");
            case "reminders filter":
                return (await admin.GetAsync($"/api/v1/reminders?from={date}", Ct), "from");
            case "client date of birth":
            {
                var clinician = await app.StaffAsync("Clinician");
                return (await clinician.Client.PostAsJsonAsync("/api/v1/clients", ClientsApi.NewClient(clinician.ClinicianId, dateOfBirth: date), Ct), "dateOfBirth");
            }

            default:
            {
                var client = await app.BilledClientAsync(BillingPayload.SelfPay());
                await client.Http.BookOneAsync(client.Session(BillingApi.At(app, 0)));
                var invoice = Assert.Single(await client.Http.InvoicesAsync(client.ClientId)).Text("id");
                return (await admin.PostPaymentAsync(new { invoiceId = invoice, amount = 10m, method = "cash", receivedOn = date }), "receivedOn");
            }
        }
    }
}

public sealed class DateRangeSqliteTests(SqliteApp app) : DateRangeTests(app), IClassFixture<SqliteApp>;

public sealed class DateRangePostgresTests(PostgresApp app) : DateRangeTests(app), IClassFixture<PostgresApp>;
