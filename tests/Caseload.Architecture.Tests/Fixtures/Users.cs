namespace Caseload.Architecture.Tests.Fixtures;

/// <summary>Uses <see cref="MadeInAnAsyncMethod"/> only inside an async method, so only in its state machine.</summary>
public static class MakesInAnAsyncMethod
{
    public static async Task<int> MakeAsync()
    {
        await Task.Yield();
        return new MadeInAnAsyncMethod().GetHashCode();
    }
}

/// <summary>Uses <see cref="MadeInALambda"/> only inside a lambda, so only in the compiler's closure class.</summary>
public static class MakesInALambda
{
    public static Func<int, int> Adder() => n => n + new MadeInALambda().GetHashCode();
}

public static class ReadsAStaticField
{
    public static int Read() => ReadFromAStaticField.Instance.GetHashCode();
}

public static class UsesTypeOf
{
    public static string Name() => typeof(NamedInTypeOf).Name;
}

public static class PassesAGenericArgument
{
    public static int Count() => new List<PassedAsAGenericArgument>().Count;
}

public static class CallsAStaticMethod
{
    public static int Call() => CalledStatically.Answer() + 1;
}

public static class TriesAndCatches
{
    public static bool Try(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (CaughtAsAnException)
        {
            return false;
        }
    }
}

[PutOnAClass]
public static class Decorated;
