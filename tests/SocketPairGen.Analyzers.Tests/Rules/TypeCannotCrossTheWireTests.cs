using static SocketPairGen.Analyzers.Tests.Rules.ContractAnalyzerTest;

namespace SocketPairGen.Analyzers.Tests.Rules;

/// <summary>SPG0101: a parameter or result type that cannot travel, reported on its type syntax with the reason.</summary>
public class TypeCannotCrossTheWireTests
{
    private const string ReferenceType =
        "it is a reference type; only values (primitives, enums, unmanaged structs), strings and arrays or memories of unmanaged values travel";

    [Fact]
    public Task ClassParameter_ReportedOnTheParameterType() => VerifyAsync(
        """
        public class Handle
        {
        }

        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:Handle|} value);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "Handle", ReferenceType));

    [Fact]
    public Task ClassResult_ReportedOnTheReturnType() => VerifyAsync(
        """
        public class Handle
        {
        }

        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:Task<Handle>|} OpenAsync(int id);
        }
        """,
        Diagnostic("SPG0101", 0, "The result", "OpenAsync", "Handle", ReferenceType));

    [Fact]
    public Task ObjectAndListParameters_EachReported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:object|} value, int count, {|#1:List<int>|} items);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "object", ReferenceType),
        Diagnostic("SPG0101", 1, "Parameter 'items'", "Use", "List<int>", ReferenceType));

    [Fact]
    public Task StructWithReferenceField_NamesTheField() => VerifyAsync(
        """
        public struct Holder
        {
            public int Id;
            public string Name;
        }

        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:Holder|} value);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "Holder", "its field Name has type string, which holds a reference"));

    [Fact]
    public Task Pointer_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public unsafe partial interface IService
        {
            void Use({|#0:int*|} value);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "int*", "a pointer means nothing in another process"));

    [Fact]
    public Task AutoLayoutStruct_Reported() => VerifyAsync(
        """
        using System.Runtime.InteropServices;

        [StructLayout(LayoutKind.Auto)]
        public struct Shuffled
        {
            public int A;
            public long B;
        }

        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:Shuffled|} value);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "Shuffled", "it has LayoutKind.Auto, so the runtime may reorder its fields"));

    [Fact]
    public Task MultiDimensionalArray_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:int[,]|} value);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "int[,]", "only single-dimensional arrays are supported"));

    [Fact]
    public Task ArrayOfStrings_ExplainsTheElements() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            {|#0:string[]|} Split(string text);
        }
        """,
        Diagnostic("SPG0101", 0, "The result", "Split", "string[]", "its elements (string) are references: the elements of a block must be fixed-size unmanaged values"));

    [Fact]
    public Task MemoryOfClasses_ExplainsTheElements() => VerifyAsync(
        """
        public class Handle
        {
        }

        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:ReadOnlyMemory<Handle>|} handles);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'handles'", "Use", "ReadOnlyMemory<Handle>", "its elements (Handle) are references: the elements of a block must be fixed-size unmanaged values"));

    [Fact]
    public Task TupleWithAString_NamesTheElement() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:(int Id, string Name)|} value);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "(int Id, string Name)", "its element Name (string) is not a fixed-size value"));

    [Fact]
    public Task GenericStruct_Reported() => VerifyAsync(
        """
        public struct Box<T>
            where T : unmanaged
        {
            public T Value;
        }

        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:Box<int>|} value);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "Box<int>", "generic structs are not supported"));

    [Fact]
    public Task UnsupportedFrameworkStruct_Reported() => VerifyAsync(
        """
        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:DateTimeOffset|} value);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "DateTimeOffset", "DateTimeOffset is not one of the supported framework types"));

    [Fact]
    public Task StructWithAnAutoLayoutField_NamesTheField() => VerifyAsync(
        """
        using System.Runtime.InteropServices;

        [StructLayout(LayoutKind.Auto)]
        public struct Shuffled
        {
            public int A;
        }

        public struct Outer
        {
            public int Id;
            public Shuffled Inner;
        }

        [SocketPairChannel]
        public partial interface IService
        {
            void Use({|#0:Outer|} value);
        }
        """,
        Diagnostic("SPG0101", 0, "Parameter 'value'", "Use", "Outer",
            "its field Inner (Shuffled) has no fixed layout: it has LayoutKind.Auto, so the runtime may reorder its fields"));
}
