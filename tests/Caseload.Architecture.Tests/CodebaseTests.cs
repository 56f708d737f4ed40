using Caseload.Domain;
using Caseload.Web.Features;

namespace Caseload.Architecture.Tests;

/// <summary>The folder rules on the compiled domain and web assemblies (docs/developing.md, "Folder rules").</summary>
public sealed class CodebaseTests
{
    private static readonly Codebase Compiled = Codebase.Read(
        typeof(Refusal).Assembly.Location, typeof(FeatureApiAttribute).Assembly.Location);

    [Fact]
    public void TheCompiledAssemblies_AreRead_WithTheDependenciesKnownToExist()
    {
        Assert.Contains(new Dependency("Caseload.Web.Data.CaseloadDbContext", "Caseload.Domain.Clients.Client"), Compiled.Dependencies);
        Assert.Contains(Compiled.Types, t => t.FullName == "Caseload.Web.Features.FeatureApiAttribute");
        Assert.Contains(Compiled.Types, t => t.IsPageModel);
    }

    [Fact]
    public void ARazorView_CountsAsATypeOfItsFolder_UsingItsPageModel() =>
        Assert.Contains(
            new Dependency("Caseload.Web.Features.Account.Features_Account_Login", "Caseload.Web.Features.Account.LoginModel"),
            Compiled.Dependencies);

    [Fact]
    public void TheCodebase_KeepsItsFolderRules()
    {
        var violations = FolderRules.Check(Compiled);

        Assert.True(
            violations.Count == 0,
            $"{violations.Count} dependencies break the folder rules:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }
}
