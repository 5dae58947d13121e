using Microsoft.CodeAnalysis;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>Whether code only runs on systems other than Linux, where Linux values do not apply.</summary>
internal static class PlatformScope
{
    /// <summary>Whether the declaration of <paramref name="symbol"/> only exists for other systems.</summary>
    public static bool IsOnlyElsewhere(ISymbol symbol) => false;

    /// <summary>Whether <paramref name="operation"/> only runs on other systems.</summary>
    public static bool IsOnlyElsewhere(IOperation operation) => false;
}
