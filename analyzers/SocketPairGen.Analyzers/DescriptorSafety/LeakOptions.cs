using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>The .editorconfig options of the leak rules (SPG0010, SPG0011, SPG0013).</summary>
internal static class LeakOptions
{
    /// <summary>
    /// <c>socketpairgen.leak_rules.exception_paths = true</c>: also report a resource that an exception thrown before
    /// its release would leak. Off by default, as almost any call may throw and most code accepts that risk.
    /// </summary>
    public const string ExceptionPathsKey = "socketpairgen.leak_rules.exception_paths";

    /// <summary>Whether exception paths count for code in <paramref name="tree"/>.</summary>
    public static bool ExceptionPaths(AnalyzerOptions options, SyntaxTree tree) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(ExceptionPathsKey, out string? value)
        && bool.TryParse(value.Trim(), out bool on)
        && on;
}
