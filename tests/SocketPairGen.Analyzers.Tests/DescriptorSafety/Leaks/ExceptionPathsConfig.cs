using SocketPairGen.Analyzers.DescriptorSafety;

namespace SocketPairGen.Analyzers.Tests.DescriptorSafety.Leaks;

/// <summary>The .editorconfig that turns on exception paths for the leak rules (SPG0010, SPG0011).</summary>
internal static class ExceptionPathsConfig
{
    public static readonly (string Path, string Content) EditorConfig =
        ("/.editorconfig", $"root = true\n\n[*.cs]\n{LeakOptions.ExceptionPathsKey} = true\n");
}
