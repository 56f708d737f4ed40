namespace Caseload.Architecture.Tests;

/// <summary>A dependency a rule forbids: "From -> To (rule)", or "Type (rule)" for a rule about a type itself.</summary>
public sealed record Violation(string From, string? To, string Rule)
{
    public override string ToString() => To is null ? $"{From} ({Rule})" : $"{From} -> {To} ({Rule})";
}

/// <summary>A rule over one dependency: it is broken when <see cref="Forbids"/> holds for the two types.</summary>
public sealed record DependencyRule(string Name, Func<CodeType, CodeType, bool> Forbids);

/// <summary>A rule over one type on its own, such as its name.</summary>
public sealed record TypeRule(string Name, Func<CodeType, bool> Forbids);

/// <summary>
/// The folder rules of the web project (docs/developing.md, "Folder rules"), as data, and the check that
/// applies them to a codebase. A feature's area is the folder holding its files: the namespace below
/// <c>Caseload.Web.Features</c>, so each folder of Settings (Settings.Practice, Settings.Users...) is an
/// area of its own. Types directly in <c>Caseload.Web.Features</c> and in <c>Caseload.Web.Features.Shared</c>
/// belong to no area: every feature may use them.
/// </summary>
public static class FolderRules
{
    public const string Domain = "Caseload.Domain";
    public const string Web = "Caseload.Web";
    public const string Features = "Caseload.Web.Features";
    public const string Shared = "Caseload.Web.Features.Shared";
    public const string Api = "Caseload.Web.Api";
    public const string Auth = "Caseload.Web.Auth";
    public const string Data = "Caseload.Web.Data";
    public const string Workers = "Caseload.Web.Workers";
    public const string Setup = "Caseload.Web.Setup";

    public static IReadOnlyList<DependencyRule> DependencyRules { get; } =
    [
        new("a: the domain uses nothing of the web project",
            (from, to) => from.In(Domain) && to.In(Web)),
        new("b: Data uses nothing of Features, Api, Auth, Workers or Setup",
            (from, to) => from.In(Data) && InAny(to, Features, Api, Auth, Workers, Setup)),
        new("c: Auth uses nothing of Features, Api, Workers or Setup",
            (from, to) => from.In(Auth) && InAny(to, Features, Api, Workers, Setup)),
        new("d: Features use nothing of Api",
            (from, to) => from.In(Features) && to.In(Api)),
        new("e: Workers and Setup use no page model and nothing of Api",
            (from, to) => InAny(from, Workers, Setup) && (to.IsPageModel || to.In(Api))),
        new("f: another feature's type is used only where it is marked [FeatureApi]",
            (from, to) => InAny(from, Features, Workers, Setup) && AreaOf(to) is { } area && area != AreaOf(from) && !to.IsFeatureApi),
    ];

    public static IReadOnlyList<TypeRule> TypeRules { get; } =
    [
        new("g: no *Work class in Features", type => type.In(Features) && type.IsClass && type.Name.EndsWith("Work", StringComparison.Ordinal)),
        new("g: no Wire outside Api", type => type.Name == "Wire" && !type.In(Api)),
    ];

    /// <summary>The feature area of a type (Scheduling, Settings.Users...), or null outside the feature folders and for what they share.</summary>
    public static string? AreaOf(CodeType type) =>
        type.In(Features) && type.Namespace != Features && !type.In(Shared) ? type.Namespace[(Features.Length + 1)..] : null;

    /// <summary>Every dependency and type of <paramref name="codebase"/> that breaks a rule, one violation per rule broken.</summary>
    public static IReadOnlyList<Violation> Check(Codebase codebase)
    {
        var types = codebase.Types.ToDictionary(t => t.FullName);
        CodeType Known(string name) => types.TryGetValue(name, out var type) ? type : new CodeType(name);

        var dependencies =
            from dependency in codebase.Dependencies
            let user = Known(dependency.From)
            let used = Known(dependency.To)
            from rule in DependencyRules
            where rule.Forbids(user, used)
            select new Violation(dependency.From, dependency.To, rule.Name);
        var named =
            from type in codebase.Types
            from rule in TypeRules
            where rule.Forbids(type)
            select new Violation(type.FullName, null, rule.Name);
        return [.. dependencies.Concat(named)];
    }

    private static bool InAny(CodeType type, params string[] namespaces) => namespaces.Any(type.In);
}
