using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;

namespace Caseload.Web.Tests.Reports;

public abstract class AttendanceReportTests(CaseloadApp app)
{
    private const string TodayAt11 = "2026-12-01T11:00:00-05:00";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ByGroup_CountsAttendedAndMissed_AndTheNoShowRateOfThoseMarked()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 3);
        var session = (await setup.Http.BookOneAsync(setup.Session(TodayAt11))).Id();
        await setup.Http.PostAsync($"/api/v1/appointments/{session}/invitees/{setup.Members[0]}/attended", null, Ct);
        await setup.Http.PostAsJsonAsync($"/api/v1/appointments/{session}/invitees/{setup.Members[1]}/missed", new { reason = "Ill", charge = 0 }, Ct);

        var rows = await setup.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/reports/attendance?from=2026-12-01&to=2026-12-01&by=group", Ct);

        var row = Assert.Single(rows!);
        Assert.Equal(setup.GroupName, row.GetProperty("name").GetString());
        Assert.Equal((1, 3, 1, 1, 1), (row.GetProperty("sessions").GetInt32(), row.GetProperty("invited").GetInt32(),
            row.GetProperty("attended").GetInt32(), row.GetProperty("missed").GetInt32(), row.GetProperty("notMarked").GetInt32()));
        Assert.Equal(50.0m, row.GetProperty("noShowRate").GetDecimal());
    }

    [Fact]
    public async Task ForAClinician_CountsOnlyTheirOwnSessions()
    {
        var mine = await app.ClinicianWithGroupAsync();
        var theirs = await app.ClinicianWithGroupAsync();
        await theirs.Http.BookOneAsync(theirs.Session(TodayAt11));

        var rows = await mine.Http.GetFromJsonAsync<JsonElement[]>("/api/v1/reports/attendance?from=2026-12-01&to=2026-12-01&by=group", Ct);

        Assert.DoesNotContain(rows!, r => r.GetProperty("name").GetString() == theirs.GroupName);
    }

    [Fact]
    public async Task AsCsv_HasAHeaderAndARowPerGroup()
    {
        var setup = await app.ClinicianWithGroupAsync();
        await setup.Http.BookOneAsync(setup.Session(TodayAt11));

        var response = await setup.Http.GetAsync("/api/v1/reports/attendance?from=2026-12-01&to=2026-12-01&format=csv", Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Group,Sessions,Invited,Attended,Missed", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"\"{setup.GroupName}\",1,2,0,0,2,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("from=2026-12-01&to=2026-12-01&by=room", "by")]
    [InlineData("from=2026-12-09&to=2026-12-01", "to")]
    [InlineData("to=2026-12-01", "from")]
    public async Task WithBadInput_Is400NamingTheField(string query, string field)
    {
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync($"/api/v1/reports/attendance?{query}", Ct);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task WithoutSignIn_Is401()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/reports/attendance?from=2026-12-01&to=2026-12-01", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class AttendanceReportSqliteTests(SqliteApp app) : AttendanceReportTests(app), IClassFixture<SqliteApp>;

public sealed class AttendanceReportPostgresTests(PostgresApp app) : AttendanceReportTests(app), IClassFixture<PostgresApp>;
