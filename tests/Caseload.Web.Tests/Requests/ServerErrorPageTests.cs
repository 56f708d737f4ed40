using System.Net;

namespace Caseload.Web.Tests.Requests;

/// <summary>Finding 9 of issue 12, the pages' half: a server error says so, with status 500, and a missing page still says that.</summary>
public abstract class ServerErrorPageTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PageThatFails_Is500SomethingWentWrong()
    {
        var response = await app.CreateClient().GetAsync(TestOnlyHosts.FailingPath, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageThatFails_WithACodeInItsOwnQuery_Is500SomethingWentWrong()
    {
        var response = await app.CreateClient().GetAsync(TestOnlyHosts.FailingPath + "?code=404", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageThatDoesNotExist_Is404DoesNotExist()
    {
        var response = await app.CreateClient().GetAsync("/No/Such/Page", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This page does not exist", html, StringComparison.Ordinal);
    }
}

public sealed class ServerErrorPageSqliteTests(BehindProxySqliteApp app) : ServerErrorPageTests(app), IClassFixture<BehindProxySqliteApp>;

public sealed class ServerErrorPagePostgresTests(BehindProxyPostgresApp app) : ServerErrorPageTests(app), IClassFixture<BehindProxyPostgresApp>;
