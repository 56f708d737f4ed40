using Caseload.Web.Data;
using Caseload.Web.Tests.Account;
using Caseload.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Operations;

/// <summary>
/// Two instances started at the same moment on an empty database: the migrations run once, and the administrator,
/// the service codes, the practice and the demo practice are made once, by whichever instance came first.
/// </summary>
public abstract class SimultaneousStartTests(Func<TestDatabase> newDatabase)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstancesStartingTogether_OnAnEmptyDatabase_SeedItOnce()
    {
        await using var database = newDatabase();
        await database.CreateAsync();
        await using var first = new DemoStart(database, resetDemoPassword: false);
        await using var second = new DemoStart(database, resetDemoPassword: false);

        await DemoPasswordTests.ConsoleTaken.WaitAsync(Ct);
        try
        {
            await Task.WhenAll(Task.Run(() => first.Services, Ct), Task.Run(() => second.Services, Ct));
        }
        finally
        {
            DemoPasswordTests.ConsoleTaken.Release();
        }

        using var scope = first.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        Assert.Equal(1, await db.Practices.CountAsync(Ct));
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == CaseloadApp.AdminEmail, Ct));
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == "dana@riverbend.example", Ct));
        Assert.Equal(Domain.Billing.ServiceCode.Catalogue.Count, await db.ServiceCodes.CountAsync(Ct));
        var groups = await db.Groups.Select(g => g.Name).ToListAsync(Ct);
        Assert.NotEmpty(groups);
        Assert.Equal(groups.Count, groups.Distinct().Count());
    }
}

public sealed class SimultaneousStartSqliteTests() : SimultaneousStartTests(() => new SqliteTestDatabase());

public sealed class SimultaneousStartPostgresTests() : SimultaneousStartTests(() => new PostgresTestDatabase());
