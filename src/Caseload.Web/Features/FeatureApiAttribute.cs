namespace Caseload.Web.Features;

/// <summary>
/// Marks a type of one feature folder that other features, workers and start-up may use: the
/// feature's public face. Everything else in a feature folder is its own business, and the
/// architecture test fails when another folder reaches into it (docs/adr/0005-one-use-case-one-class.md).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Interface, Inherited = false)]
public sealed class FeatureApiAttribute : Attribute;
