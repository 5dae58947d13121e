using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SocketPairGen.Generator.Tests;

/// <summary>
/// The start-up layout check: generated code compares the runtime's size of every struct that travels as its bytes,
/// and the offset of every field, with what the generator computed. A struct from another assembly hides its layout
/// attributes from the generator (they are not attributes in metadata); the check catches the difference at start-up.
/// </summary>
public class LayoutCheckTests
{
    public static TheoryData<string, string, string> MisplacedFields => new()
    {
        // the library's struct (seen from metadata as sequential with default packing), the field named in the error
        {
            "explicit layout",
            """
            [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)]
            public struct Moved { [System.Runtime.InteropServices.FieldOffset(4)] public int First; [System.Runtime.InteropServices.FieldOffset(0)] public int Second; }
            """,
            "First"
        },
        {
            "packed, same size",
            """
            [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 2, Size = 12)]
            public struct Moved { public short First; public int Second; public short Third; }
            """,
            "Second"
        },
        {
            "explicit layout, private fields",
            """
            [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)]
            public struct Moved
            {
                [System.Runtime.InteropServices.FieldOffset(8)] private long _first;
                [System.Runtime.InteropServices.FieldOffset(0)] private long _second;
                public override string ToString() => $"{_first} {_second}";
            }
            """,
            "_first"
        },
    };

    [Theory]
    [MemberData(nameof(MisplacedFields))]
    public void StructFromAnotherAssemblyWithFieldsWhereTheGeneratorDidNotExpect_FailsAtStartUpNamingStructAndField(
        string scenario, string library, string field)
    {
        Exception? error = StartUpErrorOf(library);

        var mismatch = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("Lib.Moved", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains(field, mismatch.Message, StringComparison.Ordinal);
        _ = scenario; // names the row in the test list
    }

    [Fact]
    public void StructFromAnotherAssemblyWithPrivateFields_PassesTheCheck()
    {
        Assert.Null(StartUpErrorOf("""
            public struct Moved
            {
                private int _a;
                private byte _b;
                public Moved(int a, byte b) { _a = a; _b = b; }
                public override string ToString() => $"{_a} {_b}";
            }
            """));
    }

    /// <summary>Builds the library (namespace <c>Lib</c>) and a contract that sends its <c>Moved</c>, loads both and
    /// reads the contract's identity, which runs the layout check; returns what that threw.</summary>
    private static Exception? StartUpErrorOf(string library)
    {
        byte[] libraryImage = EmittedAssemblies.CompileLibrary("Lib", "namespace Lib;\n" + library);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("""
                using SocketPairGen;
                namespace App;
                /// <summary>Sends the library's struct.</summary>
                [SocketPairChannel]
                public partial interface IUsesMoved
                {
                    /// <summary>Returns <paramref name="value"/>.</summary>
                    /// <param name="value">A value.</param>
                    /// <returns>The value.</returns>
                    Lib.Moved Echo(Lib.Moved value);
                }
                """).AddReferences(MetadataReference.CreateFromImage(libraryImage)))
            .AssertCompilesCleanly();
        byte[] appImage = EmittedAssemblies.Emit(run.Output);

        Exception? error = null;
        EmittedAssemblies.Run(
            app =>
            {
                PropertyInfo contract = app.GetType("App.IUsesMoved+Client", throwOnError: true)!.GetProperty("Contract")!;
                error = Record.Exception(() => contract.GetValue(null));
            },
            libraryImage,
            appImage);

        // Reflection wraps it (TargetInvocationException), and so does the static initializer (TypeInitializationException).
        while (error is TargetInvocationException or TypeInitializationException && error.InnerException is not null)
        {
            error = error.InnerException;
        }

        return error;
    }
}
