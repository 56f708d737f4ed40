namespace Caseload.Architecture.Tests.Fixtures;

/// <summary>Types that the extraction tests look for, each used by exactly one fixture in one way.</summary>
public sealed class MadeInAnAsyncMethod;

public sealed class MadeInALambda;

public sealed class ReadFromAStaticField
{
    public static readonly ReadFromAStaticField Instance = new();
}

public sealed class NamedInTypeOf;

public sealed class PassedAsAGenericArgument;

public static class CalledStatically
{
    public static int Answer() => 42;
}

public sealed class CaughtAsAnException : Exception;

[AttributeUsage(AttributeTargets.Class)]
public sealed class PutOnAClassAttribute : Attribute;
