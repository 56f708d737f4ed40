namespace Caseload.Web.Tests.Faults;

/// <summary>
/// Tests that start the app as processes of its own run one at a time and beside no other test: each starts two
/// instances, and on a small machine instances starting together with other tests' take minutes instead of seconds.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InstanceProcesses
{
    public const string Name = "App instances as processes";
}
