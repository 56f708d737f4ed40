using Caseload.Architecture.Tests.Fixtures;

namespace Caseload.Architecture.Tests;

/// <summary>The extraction, run on this test assembly's own fixtures: it sees the uses that only compiled code shows.</summary>
public sealed class ExtractionTests
{
    private static readonly Codebase Fixtures = Codebase.Read(typeof(MakesInAnAsyncMethod).Assembly.Location);

    private static void AssertFound(Type from, Type to) =>
        Assert.Contains(new Dependency(from.FullName!, to.FullName!), Fixtures.Dependencies);

    [Fact]
    public void ANewInsideAnAsyncMethod_CountsForTheClassThatWroteIt() =>
        AssertFound(typeof(MakesInAnAsyncMethod), typeof(MadeInAnAsyncMethod));

    [Fact]
    public void ANewInsideALambda_CountsForTheClassThatWroteIt() =>
        AssertFound(typeof(MakesInALambda), typeof(MadeInALambda));

    [Fact]
    public void AStaticFieldRead_IsADependency() =>
        AssertFound(typeof(ReadsAStaticField), typeof(ReadFromAStaticField));

    [Fact]
    public void ATypeOf_IsADependency() =>
        AssertFound(typeof(UsesTypeOf), typeof(NamedInTypeOf));

    [Fact]
    public void AGenericArgument_IsADependency() =>
        AssertFound(typeof(PassesAGenericArgument), typeof(PassedAsAGenericArgument));

    [Fact]
    public void AStaticCall_IsADependency() =>
        AssertFound(typeof(CallsAStaticMethod), typeof(CalledStatically));

    [Fact]
    public void ACatchClause_IsADependency() =>
        AssertFound(typeof(TriesAndCatches), typeof(CaughtAsAnException));

    [Fact]
    public void AnAttribute_IsADependency() =>
        AssertFound(typeof(Decorated), typeof(PutOnAClassAttribute));

    [Fact]
    public void CompilerGeneratedTypes_AreNotTypesOfTheirOwn() =>
        Assert.DoesNotContain(Fixtures.Types, t => t.FullName.Contains('<', StringComparison.Ordinal) || t.FullName.Contains('/', StringComparison.Ordinal));
}
