using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Whether code only runs on systems other than Linux, where Linux values and Linux-only calls do not apply. Decided
/// by the nearest evidence: a guard around the code (<c>if (OperatingSystem.IsMacOS())</c>, the other side of
/// <c>if (OperatingSystem.IsLinux())</c>, <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>, code after
/// <c>if (OperatingSystem.IsLinux()) return …;</c>, <c>RuntimeInformation.IsOSPlatform</c>, a member marked
/// <c>[SupportedOSPlatformGuard]</c>), else the platform attributes of the enclosing members, types and assembly
/// (<c>[SupportedOSPlatform]</c> naming only other systems, or <c>[UnsupportedOSPlatform("linux")]</c>). Android
/// counts as Linux: same kernel, same values. A guard that does not say (<c>!IsMacOS()</c> may be Linux) decides
/// nothing. Asked only when a rule is about to report, so its cost does not matter.
/// </summary>
internal static class PlatformScope
{
    private const string SupportedAttribute = "System.Runtime.Versioning.SupportedOSPlatformAttribute";
    private const string UnsupportedAttribute = "System.Runtime.Versioning.UnsupportedOSPlatformAttribute";
    private const string GuardAttribute = "System.Runtime.Versioning.SupportedOSPlatformGuardAttribute";

    /// <summary>Whether <paramref name="operation"/> only runs on other systems.</summary>
    public static bool IsOnlyElsewhere(IOperation operation)
    {
        Platform guarded = Guarded(operation);
        if (guarded != Platform.Unknown)
        {
            return guarded == Platform.Elsewhere;
        }

        return operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart) is { } symbol && IsOnlyElsewhere(symbol);
    }

    /// <summary>Whether the declaration of <paramref name="symbol"/> only exists for other systems.</summary>
    public static bool IsOnlyElsewhere(ISymbol symbol)
    {
        for (ISymbol? level = symbol; level is not null and not INamespaceSymbol; level = Outer(level))
        {
            switch (Marked(level))
            {
                case Platform.Elsewhere:
                    return true;
                case Platform.Linux:
                    return false;
            }
        }

        return Marked(symbol.ContainingAssembly) == Platform.Elsewhere;
    }

    /// <summary>An accessor's property, a lambda's or local function's method, a member's type, a type's containing type.</summary>
    private static ISymbol? Outer(ISymbol symbol) =>
        symbol is IMethodSymbol { AssociatedSymbol: { } property } ? property : symbol.ContainingSymbol;

    /// <summary>What the platform attributes on one declaration say.</summary>
    private static Platform Marked(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return Platform.Unknown;
        }

        bool anySupported = false;
        bool linuxSupported = false;
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name != SupportedAttribute && name != UnsupportedAttribute
                || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Value is not string platform)
            {
                continue;
            }

            if (name == UnsupportedAttribute)
            {
                if (IsLinux(platform))
                {
                    return Platform.Elsewhere;
                }

                continue;
            }

            anySupported = true;
            linuxSupported |= IsLinux(platform);
        }

        return !anySupported ? Platform.Unknown : linuxSupported ? Platform.Linux : Platform.Elsewhere;
    }

    /// <summary>What the nearest guard around <paramref name="operation"/> says.</summary>
    private static Platform Guarded(IOperation operation)
    {
        IOperation child = operation;
        for (IOperation? parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            Platform fact = parent switch
            {
                IConditionalOperation conditional when conditional.WhenTrue == child => When(conditional.Condition, true),
                IConditionalOperation conditional when conditional.WhenFalse == child => When(conditional.Condition, false),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction when conjunction.RightOperand == child => When(conjunction.LeftOperand, true),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } disjunction when disjunction.RightOperand == child => When(disjunction.LeftOperand, false),
                IBlockOperation block => AfterEarlyExits(block, child),
                _ => Platform.Unknown,
            };
            if (fact != Platform.Unknown)
            {
                return fact;
            }
        }

        return Platform.Unknown;
    }

    /// <summary>What the statements of <paramref name="block"/> before <paramref name="child"/> say: <c>if (c) return;</c> means !c from there on.</summary>
    private static Platform AfterEarlyExits(IBlockOperation block, IOperation child)
    {
        Platform fact = Platform.Unknown;
        foreach (IOperation statement in block.Operations)
        {
            if (statement == child)
            {
                return fact;
            }

            if (statement is IConditionalOperation { WhenFalse: null } check && AlwaysExits(check.WhenTrue)
                && When(check.Condition, false) is var after and not Platform.Unknown)
            {
                fact = after;
            }
        }

        return Platform.Unknown;
    }

    private static bool AlwaysExits(IOperation operation) => operation switch
    {
        IReturnOperation or IBranchOperation or IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IBlockOperation { Operations.Length: > 0 } block => AlwaysExits(block.Operations[block.Operations.Length - 1]),
        _ => false,
    };

    /// <summary>Where the code runs when <paramref name="condition"/> is <paramref name="value"/>.</summary>
    private static Platform When(IOperation condition, bool value)
    {
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return When(not.Operand, !value);
            case IParenthesizedOperation parenthesized:
                return When(parenthesized.Operand, value);
            case IConversionOperation conversion:
                return When(conversion.Operand, value);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary:
                // a && b is true when both are; a || b is false when both are: either side decides. Otherwise both must agree.
                bool both = binary.OperatorKind == BinaryOperatorKind.ConditionalAnd == value;
                Platform left = When(binary.LeftOperand, value);
                Platform right = When(binary.RightOperand, value);
                return both ? (left != Platform.Unknown ? left : right) : left == right ? left : Platform.Unknown;
            case IInvocationOperation or IPropertyReferenceOperation:
                return Tested(condition) switch
                {
                    Platform.Linux => value ? Platform.Linux : Platform.Elsewhere,
                    Platform.Elsewhere when value => Platform.Elsewhere,
                    _ => Platform.Unknown,
                };
            default:
                return Platform.Unknown;
        }
    }

    /// <summary>The platform a check tests for: <c>OperatingSystem.IsX()</c>, <c>IsOSPlatform("x")</c>, <c>RuntimeInformation.IsOSPlatform(OSPlatform.X)</c>, a guard member.</summary>
    private static Platform Tested(IOperation check)
    {
        ISymbol? member = check switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        if (member is null)
        {
            return Platform.Unknown;
        }

        string? type = member.ContainingType?.ToDisplayString();
        if (type == "System.OperatingSystem" && check is IInvocationOperation os)
        {
            if (os.TargetMethod.Name is "IsOSPlatform" or "IsOSPlatformVersionAtLeast")
            {
                return os.Arguments.Length > 0 && os.Arguments[0].Value.ConstantValue.Value is string name ? Of(name) : Platform.Unknown;
            }

            string tested = os.TargetMethod.Name;
            int versioned = tested.IndexOf("VersionAtLeast", System.StringComparison.Ordinal);
            tested = versioned > 0 ? tested.Substring(0, versioned) : tested;
            return tested.StartsWith("Is", System.StringComparison.Ordinal) ? Of(tested.Substring(2)) : Platform.Unknown;
        }

        if (type == "System.Runtime.InteropServices.RuntimeInformation" && check is IInvocationOperation runtime
            && runtime.TargetMethod.Name == "IsOSPlatform" && runtime.Arguments.Length == 1)
        {
            return runtime.Arguments[0].Value switch
            {
                IPropertyReferenceOperation { Property.ContainingType.Name: "OSPlatform" } platform => Of(platform.Property.Name),
                IInvocationOperation { TargetMethod.Name: "Create" } created when created.Arguments.Length == 1
                    && created.Arguments[0].Value.ConstantValue.Value is string createdName => Of(createdName),
                _ => Platform.Unknown,
            };
        }

        // [SupportedOSPlatformGuard("macos")] static bool IsApple => ...;
        Platform guard = Platform.Unknown;
        foreach (AttributeData attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == GuardAttribute && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string guarded)
            {
                if (Of(guarded) == Platform.Linux)
                {
                    return Platform.Unknown; // guards Linux among others: says nothing about the other branch
                }

                guard = Platform.Elsewhere;
            }
        }

        return guard;
    }

    private static Platform Of(string platform) => IsLinux(platform) ? Platform.Linux : Platform.Elsewhere;

    /// <summary>Linux or Android, in any case, with or without a version (<c>linux</c>, <c>Android21.0</c>).</summary>
    private static bool IsLinux(string platform) =>
        platform.StartsWith("linux", System.StringComparison.OrdinalIgnoreCase)
        || platform.StartsWith("android", System.StringComparison.OrdinalIgnoreCase);

    private enum Platform
    {
        Unknown,
        Linux,
        Elsewhere,
    }
}
