using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Caseload.Architecture.Tests;

/// <summary>A type of the compiled code, with the facts the folder rules ask about.</summary>
public sealed record CodeType(string FullName, bool IsClass = true, bool IsFeatureApi = false, bool IsPageModel = false)
{
    public string Namespace => FullName.LastIndexOf('.') is var dot and > 0 ? FullName[..dot] : "";

    public string Name => FullName[(FullName.LastIndexOf('.') + 1)..];

    /// <summary>Whether the type is in <paramref name="ns"/> or a namespace below it.</summary>
    public bool In(string ns) => Namespace == ns || Namespace.StartsWith(ns + ".", StringComparison.Ordinal);
}

/// <summary>One type using another, in any way the compiled code shows.</summary>
public sealed record Dependency(string From, string To);

/// <summary>
/// The types of compiled assemblies and every type-to-type dependency between them, read with Mono.Cecil:
/// base types, interfaces, attributes, fields, properties, events, method signatures, generic arguments and
/// constraints, and method bodies (calls, <c>new</c>, field access, <c>typeof</c> and casts, local variables,
/// catch clauses). A nested type counts as the outermost type that declares it, so a lambda's closure, an async
/// method's state machine, <c>&lt;&gt;c</c> and a page model's nested input class all count as the class written
/// in the file. Razor views are not set aside: the Razor compiler puts each view's class in the namespace of its
/// folder (<c>Features/Account/Login.cshtml</c> is <c>Caseload.Web.Features.Account.Features_Account_Login</c>),
/// so a view keeps the rules of the folder it sits in, as its page model does.
/// </summary>
public sealed class Codebase(IReadOnlyList<CodeType> types, IReadOnlyList<Dependency> dependencies)
{
    private const string FeatureApi = "Caseload.Web.Features.FeatureApiAttribute";
    private const string PageModel = "Microsoft.AspNetCore.Mvc.RazorPages.PageModel";

    public IReadOnlyList<CodeType> Types => types;

    public IReadOnlyList<Dependency> Dependencies => dependencies;

    public static Codebase Read(params string[] assemblyPaths)
    {
        var modules = assemblyPaths.Select(path => ModuleDefinition.ReadModule(path)).ToList();
        try
        {
            // Top-level types the compiler makes (<Module>, anonymous types, <PrivateImplementationDetails>,
            // a source generator's file-local classes) are nobody's code: the rules judge the types that use them.
            // Attributes the compiler embeds in every assembly (NullableAttribute...) are taken once.
            var byName = new Dictionary<string, TypeDefinition>();
            foreach (var type in modules.SelectMany(m => m.Types).Where(t => !IsCompilerMade(t.FullName)))
            {
                byName.TryAdd(type.FullName, type);
            }

            var found = new HashSet<Dependency>();
            foreach (var type in byName.Values)
            {
                foreach (var used in new Uses().Of(type))
                {
                    if (used != type.FullName && !IsCompilerMade(used))
                    {
                        found.Add(new Dependency(type.FullName, used));
                    }
                }
            }

            var codeTypes = byName.Values
                .Select(t => new CodeType(
                    t.FullName,
                    t.IsClass && !t.IsValueType && !t.IsInterface,
                    t.CustomAttributes.Any(a => a.AttributeType.FullName == FeatureApi),
                    DerivesFromPageModel(t, byName)))
                .ToList();
            return new Codebase(codeTypes, [.. found.OrderBy(d => d.From, StringComparer.Ordinal).ThenBy(d => d.To, StringComparer.Ordinal)]);
        }
        finally
        {
            modules.ForEach(m => m.Dispose());
        }
    }

    /// <summary>A compiler or source generator's own type: its name (after the namespace) is not a C# name.</summary>
    private static bool IsCompilerMade(string fullName) => fullName[(fullName.LastIndexOf('.') + 1)..].Contains('<', StringComparison.Ordinal);

    private static bool DerivesFromPageModel(TypeDefinition type, Dictionary<string, TypeDefinition> defined)
    {
        for (var baseType = type.BaseType; baseType is not null;)
        {
            var name = baseType.GetElementType().FullName;
            if (name == PageModel)
            {
                return true;
            }

            baseType = defined.TryGetValue(name, out var definition) ? definition.BaseType : null;
        }

        return false;
    }

    /// <summary>Collects the top-level types that one top-level type and everything nested in it use.</summary>
    private sealed class Uses
    {
        private readonly HashSet<string> _found = [];

        public HashSet<string> Of(TypeDefinition type)
        {
            Walk(type);
            return _found;
        }

        private void Walk(TypeDefinition type)
        {
            Add(type.BaseType);
            foreach (var implemented in type.Interfaces)
            {
                Add(implemented.InterfaceType);
                Add(implemented.CustomAttributes);
            }

            Add(type.CustomAttributes);
            Add(type.GenericParameters);
            foreach (var field in type.Fields)
            {
                Add(field.FieldType);
                Add(field.CustomAttributes);
            }

            foreach (var property in type.Properties)
            {
                Add(property.PropertyType);
                Add(property.CustomAttributes);
            }

            foreach (var @event in type.Events)
            {
                Add(@event.EventType);
                Add(@event.CustomAttributes);
            }

            foreach (var method in type.Methods)
            {
                Walk(method);
            }

            foreach (var nested in type.NestedTypes)
            {
                Walk(nested);
            }
        }

        private void Walk(MethodDefinition method)
        {
            Add(method.ReturnType);
            Add(method.CustomAttributes);
            Add(method.MethodReturnType.CustomAttributes);
            Add(method.GenericParameters);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
                Add(parameter.CustomAttributes);
            }

            foreach (var overridden in method.Overrides)
            {
                Add(overridden);
            }

            if (!method.HasBody)
            {
                return;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType);
            }

            foreach (var handler in method.Body.ExceptionHandlers)
            {
                Add(handler.CatchType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference type:
                        Add(type);
                        break;
                    case MethodReference called:
                        Add(called);
                        break;
                    case FieldReference field:
                        Add(field.DeclaringType);
                        Add(field.FieldType);
                        break;
                    case CallSite site:
                        Add(site.ReturnType);
                        foreach (var parameter in site.Parameters)
                        {
                            Add(parameter.ParameterType);
                        }

                        break;
                }
            }
        }

        private void Add(MethodReference method)
        {
            Add(method.DeclaringType);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }
        }

        private void Add(IEnumerable<GenericParameter> parameters)
        {
            foreach (var parameter in parameters)
            {
                foreach (var constraint in parameter.Constraints)
                {
                    Add(constraint.ConstraintType);
                }
            }
        }

        private void Add(IEnumerable<CustomAttribute> attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments
                    .Concat(attribute.Fields.Select(f => f.Argument))
                    .Concat(attribute.Properties.Select(p => p.Argument)))
                {
                    Add(argument);
                }
            }
        }

        /// <summary>An attribute's argument may be a type (<c>typeof(X)</c>), or an array or boxed value holding some.</summary>
        private void Add(CustomAttributeArgument argument)
        {
            switch (argument.Value)
            {
                case TypeReference type:
                    Add(type);
                    break;
                case CustomAttributeArgument inner:
                    Add(inner);
                    break;
                case CustomAttributeArgument[] items:
                    foreach (var item in items)
                    {
                        Add(item);
                    }

                    break;
            }
        }

        private void Add(TypeReference? type)
        {
            switch (type)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument);
                    }

                    return;
                case IModifierType modified:
                    Add(modified.ModifierType);
                    Add(modified.ElementType);
                    return;
                case FunctionPointerType pointer:
                    Add(pointer.ReturnType);
                    foreach (var parameter in pointer.Parameters)
                    {
                        Add(parameter.ParameterType);
                    }

                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
            }

            while (type.DeclaringType is not null)
            {
                type = type.DeclaringType;
            }

            _found.Add(type.FullName);
        }
    }
}
