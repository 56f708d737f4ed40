using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Tests.Billing;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Groups;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Notes;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Caseload.Web.Tests.Billing.BillingApi;

namespace Caseload.Web.Tests.Settings;

/// <summary>
/// The audit trail: every read of a client's data, through whichever surface, is one entry naming the client;
/// the chain of hashes shows an entry altered in the database; only administrators read it.
/// </summary>
public abstract class AuditTrailTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<AuditEntry>> EntriesOfAsync(string clientId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.ClientId == clientId).OrderBy(e => e.Seq).ToListAsync(Ct);
    }

    /// <summary>The entries naming the client that <paramref name="read"/> wrote.</summary>
    private async Task<List<AuditEntry>> WrittenByAsync(string clientId, Func<Task> read)
    {
        var before = (await EntriesOfAsync(clientId)).Select(e => e.Id).ToHashSet();
        await read();
        return [.. (await EntriesOfAsync(clientId)).Where(e => !before.Contains(e.Id))];
    }

    private static async Task OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
        await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/api/v1/audit/verify", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task ClientGet_ThroughTheApi_WritesOneReadNamingTheClient()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));

        var written = await WrittenByAsync(client.ClientId, async () => await OkAsync(await client.Http.GetAsync($"/api/v1/clients/{client.ClientId}", Ct)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditActions.Read, AuditEntities.Client, client.Clinician.UserId, "allowed"), (entry.Action, entry.EntityType, entry.UserId, entry.Outcome));
    }

    [Fact]
    public async Task GroupGet_ThroughTheApi_WritesOneReadNamingEachMember()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        var groupId = await client.Http.CreateGroupAsync(client.ClinicianId);
        Assert.Equal(HttpStatusCode.OK, (await GroupsApi.AddMemberAsync(client.Http, groupId, client.ClientId)).StatusCode);

        var written = await WrittenByAsync(client.ClientId, async () => await OkAsync(await client.Http.GetAsync($"/api/v1/groups/{groupId}", Ct)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditActions.Read, AuditEntities.Client, "group:" + groupId), (entry.Action, entry.EntityType, entry.EntityId));
    }

    [Fact]
    public async Task AddingAGroupMember_WritesOneChangeNamingTheClient()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        var groupId = await client.Http.CreateGroupAsync(client.ClinicianId);

        var written = await WrittenByAsync(client.ClientId,
            async () => Assert.Equal(HttpStatusCode.OK, (await GroupsApi.AddMemberAsync(client.Http, groupId, client.ClientId)).StatusCode));

        Assert.Equal(AuditActions.Change, Assert.Single(written).Action);
    }

    [Fact]
    public async Task ChartPage_WritesOneReadNamingTheClient()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));

        var written = await WrittenByAsync(client.ClientId, async () => await OkAsync(await client.Http.GetAsync($"/Clients/{client.ClientId}", Ct)));

        Assert.Equal(AuditEntities.Client, Assert.Single(written).EntityType);
    }

    [Fact]
    public async Task LedgerGet_WritesOneReadNamingTheClient()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        await client.Http.BookOneAsync(client.Session(BillingApi.At(app, -3, hour: 9)));

        var written = await WrittenByAsync(client.ClientId,
            async () => await OkAsync(await client.Http.GetAsync($"/api/v1/clients/{client.ClientId}/ledger", Ct)));

        Assert.Equal(AuditEntities.Invoice, Assert.Single(written).EntityType);
    }

    [Fact]
    public async Task InvoiceGet_WritesOneReadNamingTheClient()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        var booked = await client.Http.BookOneAsync(client.Session(BillingApi.At(app, -3, hour: 9)));
        var invoice = await client.Http.OnlyInvoiceAsync(booked.Id());

        var written = await WrittenByAsync(client.ClientId,
            async () => await OkAsync(await client.Http.GetAsync($"/api/v1/invoices/{invoice.Id()}", Ct)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditEntities.Invoice, invoice.Id()), (entry.EntityType, entry.EntityId));
    }

    [Fact]
    public async Task ClaimsCsvExport_WritesOneExportNamingEachClientInIt()
    {
        var client = await app.BilledClientAsync(Insured(20m));
        await client.Http.BookOneAsync(client.Session(BillingApi.At(app, -3, hour: 9)));
        var biller = await app.StaffAsync("Biller");

        var written = await WrittenByAsync(client.ClientId, async () => await biller.Client.ClaimsCsvTextAsync(app.Day(-5), app.Day(0)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditActions.Export, AuditEntities.Claim, biller.UserId), (entry.Action, entry.EntityType, entry.UserId));
    }

    [Fact]
    public async Task NotePrintView_WritesOneReadNamingTheClientPrinted()
    {
        var session = await app.HeldSessionAsync();
        await session.SignedAsync();

        var written = await WrittenByAsync(session.Alice,
            async () => await OkAsync(await session.Http.GetAsync($"/Appointments/{session.Id}/Note/Print/{session.Alice}", Ct)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditActions.Read, AuditEntities.Note), (entry.Action, entry.EntityType));
    }

    [Fact]
    public async Task OutstandingBalancesGet_ThroughTheApi_WritesOneReadNamingTheClientOwing()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        await client.Http.BookOneAsync(client.Session(BillingApi.At(app, -3, hour: 9)));
        var biller = await app.StaffAsync("Biller");

        var written = await WrittenByAsync(client.ClientId, async () => await OkAsync(await biller.Client.GetAsync("/api/v1/billing/outstanding", Ct)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditActions.Read, AuditEntities.Invoice, biller.UserId), (entry.Action, entry.EntityType, entry.UserId));
    }

    [Fact]
    public async Task BillingPage_WritesOneReadNamingTheClientOwing()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        await client.Http.BookOneAsync(client.Session(BillingApi.At(app, -3, hour: 9)));
        var biller = await app.StaffAsync("Biller");

        var written = await WrittenByAsync(client.ClientId, async () => await OkAsync(await biller.Client.GetAsync("/Billing", Ct)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditActions.Read, AuditEntities.Invoice, biller.UserId), (entry.Action, entry.EntityType, entry.UserId));
    }

    [Fact]
    public async Task OutstandingBalances_OfSeveralClients_NamesEachOfThemOnce()
    {
        var group = await app.BilledGroupAsync(BillingPayload.SelfPay(100m), BillingPayload.SelfPay(100m), BillingPayload.SelfPay(100m));
        await group.Http.BookOneAsync(group.Session(BillingApi.At(app, -3, hour: 9)));
        var biller = await app.StaffAsync("Biller");

        await OkAsync(await biller.Client.GetAsync("/api/v1/billing/outstanding", Ct));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var read = await db.AuditEntries.AsNoTracking().Where(e => e.UserId == biller.UserId && e.EntityId == "outstanding").ToListAsync(Ct);
        Assert.All(group.Members, member => Assert.Single(read, e => e.ClientId == member));
        Assert.Equal(read.Count, read.Select(e => e.ClientId).Distinct().Count());
    }

    [Fact]
    public async Task ReminderLogGet_ThroughTheApi_WritesOneReadNamingTheClientReminded()
    {
        var setup = await app.RemindedGroupAsync((true, false));
        await setup.Http.BookOneAsync(setup.Session(RemindersApi.At(app, 3, hour: 12)));
        var scheduler = await app.StaffAsync("Scheduler");

        var written = await WrittenByAsync(setup.Members[0].Id,
            async () => await OkAsync(await scheduler.Client.GetAsync($"/api/v1/reminders?from={app.Day(0)}&to={app.Day(5)}", Ct)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditActions.Read, AuditEntities.Appointment, scheduler.UserId), (entry.Action, entry.EntityType, entry.UserId));
    }

    [Fact]
    public async Task ReminderLogPage_WritesOneReadNamingTheClientReminded()
    {
        var setup = await app.RemindedGroupAsync((true, false));
        await setup.Http.BookOneAsync(setup.Session(RemindersApi.At(app, 3, hour: 12)));
        var scheduler = await app.StaffAsync("Scheduler");

        var written = await WrittenByAsync(setup.Members[0].Id,
            async () => await OkAsync(await scheduler.Client.GetAsync($"/Reminders?from={app.Day(0)}&to={app.Day(5)}", Ct)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditActions.Read, AuditEntities.Appointment, scheduler.UserId), (entry.Action, entry.EntityType, entry.UserId));
    }

    [Fact]
    public async Task AppointmentRemindersGet_ThroughTheApi_WritesOneReadNamingTheClientReminded()
    {
        var setup = await app.RemindedGroupAsync((true, false));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(RemindersApi.At(app, 3, hour: 12)))).Id();

        var written = await WrittenByAsync(setup.Members[0].Id,
            async () => await OkAsync(await setup.Http.GetAsync($"/api/v1/appointments/{appointment}/reminders", Ct)));

        var entry = Assert.Single(written);
        Assert.Equal((AuditActions.Read, AuditEntities.Appointment, appointment), (entry.Action, entry.EntityType, entry.EntityId));
    }

    [Fact]
    public async Task Verify_OnTheChainAsWritten_IsValid()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        await OkAsync(await client.Http.GetAsync($"/api/v1/clients/{client.ClientId}", Ct));

        var result = await VerifyAsync(await app.AdminAsync());

        Assert.True(result.GetProperty("valid").GetBoolean());
        Assert.True(result.GetProperty("entries").GetInt64() > 1);
        Assert.Equal(JsonValueKind.Null, result.TryGetProperty("firstBrokenId", out var broken) ? broken.ValueKind : JsonValueKind.Null);
    }

    [Fact]
    public async Task Verify_AfterAnEntryIsAlteredInTheDatabase_NamesThatEntry()
    {
        var admin = await app.AdminAsync();
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        await OkAsync(await client.Http.GetAsync($"/api/v1/clients/{client.ClientId}", Ct));
        await OkAsync(await client.Http.GetAsync($"/api/v1/clients/{client.ClientId}", Ct));
        var altered = (await EntriesOfAsync(client.ClientId))[^2];
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();

        await db.AuditEntries.Where(e => e.Id == altered.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UserName, "Someone else"), Ct);
        try
        {
            var result = await VerifyAsync(admin);

            Assert.False(result.GetProperty("valid").GetBoolean());
            Assert.Equal(altered.Id, result.GetProperty("firstBrokenId").GetString());
        }
        finally
        {
            // The fixture's database is shared with this class's other tests: put the entry back.
            await db.AuditEntries.Where(e => e.Id == altered.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UserName, altered.UserName), Ct);
        }
    }

    [Fact]
    public async Task Verify_AfterManyParallelReads_FindsOneUnbrokenChain()
    {
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            await OkAsync(await client.Http.GetAsync($"/api/v1/clients/{client.ClientId}", Ct))));

        Assert.True((await VerifyAsync(await app.AdminAsync())).GetProperty("valid").GetBoolean());
        Assert.Equal(20, (await EntriesOfAsync(client.ClientId)).Count(e => e.Action == AuditActions.Read));
    }

    [Fact]
    public async Task Verify_AfterManyConcurrentCalendarReads_FindsEachReadsEntryOnOneUnbrokenChain()
    {
        var clinician = await app.StaffAsync("Clinician");
        var days = Enumerable.Range(0, 40).Select(d => new DateOnly(2027, 3, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

        await Task.WhenAll(days.Select(async day =>
            await OkAsync(await clinician.Client.GetAsync($"/api/v1/appointments?from={day}&to={day}", Ct))));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var written = await db.AuditEntries.AsNoTracking().Where(e => e.UserId == clinician.UserId && e.EntityType == AuditEntities.Appointment)
            .Select(e => e.Detail).ToListAsync(Ct);
        Assert.Equal(days.Select(d => $"calendar {d}..{d} clinicianId= shown=0").Order(), written.Order());
        Assert.True((await VerifyAsync(await app.AdminAsync())).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task AuditSettingsPage_CheckingTheChain_SaysItHolds()
    {
        var admin = await app.AdminAsync();

        var html = await admin.GetStringAsync("/Settings/Audit?handler=Verify", Ct);

        Assert.Contains("entries check out", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Clinician")]
    [InlineData("Scheduler")]
    [InlineData("Biller")]
    public async Task AuditList_ForAnyoneButAnAdministrator_Is403(string role)
    {
        var staff = await app.StaffAsync(role);

        await (await staff.Client.GetAsync("/api/v1/audit", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await staff.Client.GetAsync("/api/v1/audit/verify", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AuditPage_ForAClinician_IsRefusedAndTheRefusalIsRecorded()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.GetAsync("/api/v1/audit", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.UserId == clinician.UserId && e.Action == AuditActions.Refused && e.Outcome == "refused", Ct));
    }

    [Fact]
    public async Task AuditList_FilteredByClientAndAction_PagesNewestFirstWithACursor()
    {
        var admin = await app.AdminAsync();
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        for (var i = 0; i < 3; i++)
        {
            await OkAsync(await client.Http.GetAsync($"/api/v1/clients/{client.ClientId}", Ct));
        }

        var reads = (await EntriesOfAsync(client.ClientId)).Where(e => e.Action == AuditActions.Read).Select(e => e.Id).Reverse().ToList();
        var first = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={client.ClientId}&action=read&limit=2", Ct);
        var next = first.GetProperty("next").GetString();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={client.ClientId}&action=read&limit=2&cursor={next}", Ct);

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.Text("id")).ToList();
        Assert.Equal(reads, ids);
        Assert.All(first.GetProperty("items").EnumerateArray(), e => Assert.Equal(client.ClientId, e.Text("clientId")));
        Assert.False(second.TryGetProperty("next", out var end) && end.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task AuditList_FilteredByUser_ShowsOnlyTheirEntries()
    {
        var admin = await app.AdminAsync();
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        await OkAsync(await client.Http.GetAsync($"/api/v1/clients/{client.ClientId}", Ct));

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?userId={client.Clinician.UserId}&entityType=client", Ct);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, e => Assert.Equal((client.Clinician.UserId, "client"), (e.Text("userId"), e.Text("entityType"))));
    }

    [Fact]
    public async Task AuditList_WithAnUnknownAction_Is400NamingTheField()
    {
        var admin = await app.AdminAsync();

        var body = await (await admin.GetAsync("/api/v1/audit?action=peek", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");

        Assert.True(body.GetProperty("errors").TryGetProperty("action", out _));
    }

    [Fact]
    public async Task SignIn_AndAFailedSignIn_AreRecorded()
    {
        var staff = await app.StaffAsync("Scheduler");
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = staff.Email, password = "not-the-password" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var actions = await db.AuditEntries.AsNoTracking().Where(e => e.UserId == staff.UserId && e.EntityType == AuditEntities.User)
            .OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal([AuditActions.SignIn, AuditActions.SignInFailed], actions);
    }

    [Fact]
    public async Task AuditSettingsPage_FilteredByClient_ListsThatClientsEntries()
    {
        var admin = await app.AdminAsync();
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));
        await OkAsync(await client.Http.GetAsync($"/api/v1/clients/{client.ClientId}", Ct));

        var html = await admin.GetStringAsync($"/Settings/Audit?clientId={client.ClientId}", Ct);

        Assert.Contains("Ada " + client.LastName, html, StringComparison.Ordinal);
        Assert.Contains(client.Clinician.UserId, await admin.GetStringAsync($"/Settings/Audit?handler=Csv&clientId={client.ClientId}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientChart_ForAnAdministrator_LinksToWhoAccessedIt()
    {
        var admin = await app.AdminAsync();
        var client = await app.BilledClientAsync(BillingPayload.SelfPay(100m));

        var chart = await admin.GetStringAsync($"/Clients/{client.ClientId}", Ct);
        var clinicianChart = await client.Http.GetStringAsync($"/Clients/{client.ClientId}", Ct);

        Assert.Contains($"/Settings/Audit?clientId={client.ClientId}", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("/Settings/Audit", clinicianChart, StringComparison.Ordinal);
    }
}

public sealed class AuditTrailSqliteTests(SqliteApp app) : AuditTrailTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTrailPostgresTests(PostgresApp app) : AuditTrailTests(app), IClassFixture<PostgresApp>;
