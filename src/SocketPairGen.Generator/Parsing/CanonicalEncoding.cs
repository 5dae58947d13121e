using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// The canonical text of a contract that its fingerprint hashes, written by hand, piece by piece, from what decides
/// the bytes on the wire and their meaning: the contract's name, each method's id, name, parameter and result wire
/// types and whether it takes a cancellation token; for each type its shape and layout (sizes, offsets, element
/// types, nullability, enum underlying types and members, struct fields and their names). Nothing else: not the
/// names of parameters, tuple elements or types (an implementation may rename its parameters; renaming a struct or
/// moving it to another namespace changes no byte), not <c>in</c>/<c>params</c> modifiers or default values, not
/// whether a method is synchronous or returns a <c>Task</c> or a <c>ValueTask</c> (the same frames either way).
/// </summary>
/// <remarks>
/// The grammar is specified in <c>src/SocketPairGen/WIRE-FORMAT.md</c> ("The contract fingerprint"), which a peer
/// written in another language implements; change one, change the other, and expect every golden fingerprint to
/// change. Every piece is written from a named property of a model record, never from a record's
/// <c>ToString()</c>: the text does not depend on how the generator names or shapes its models.
/// </remarks>
internal static class CanonicalEncoding
{
    /// <summary>The first line of the text: the encoding's name and version.</summary>
    public const string Header = "socketpairgen-contract 1";

    /// <summary>The whole text: the header line, the contract's name, then one line per method in id order, each
    /// line ending with <c>\n</c>.</summary>
    public static string Contract(string contractName, IEnumerable<MethodSpec> methods)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        text.Append("contract ").Append(contractName).Append('\n');
        foreach (MethodSpec method in methods)
        {
            text.Append(Method(method)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary><c>method 3 Resize(block(u8),struct(8){…}) cancellable -> i64</c>.</summary>
    public static string Method(MethodSpec method)
    {
        var line = new StringBuilder("method ")
            .Append(method.Id.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(method.Name).Append('(')
            .Append(string.Join(",", method.Parameters.Select(p => WireType(p.Type))))
            .Append(')');
        if (method.CancellationTokenName is not null)
        {
            line.Append(" cancellable");
        }

        return line.Append(" -> ").Append(method.Result is null ? "none" : WireType(method.Result)).ToString();
    }

    /// <summary>A value as it travels as a parameter, a result, a tuple element, a nullable's value or a block's
    /// element. Each kind of model is spelled out here; a kind without a spelling is a bug, never a guess.</summary>
    public static string WireType(WireType type) => type switch
    {
        BooleanWireType => "bool",
        BlittableWireType blittable => blittable.Layout,
        ValidatedWireType validated => validated.Layout,
        EnumWireType enumType => enumType.Layout,
        StructWireType structType => structType.Layout,
        NullableWireType nullable => "nullable(" + WireType(nullable.Value) + ")",
        TupleWireType tuple => "tuple(" + string.Join(",", tuple.Elements.Select(WireType)) + ")",
        StringWireType text => text.IsNullable ? "string?" : "string",
        BlockWireType block => "block(" + WireType(block.Element) + ")" + (block.IsNullable ? "?" : ""),
        DescriptorWireType handle => Descriptor(handle),
        DescriptorArrayWireType handles => "fds(" + Descriptor(handles.Element) + "," + Number(handles.Maximum) + ")" + (handles.IsNullable ? "?" : ""),
        _ => throw new System.InvalidOperationException("The fingerprint has no canonical encoding for the wire type kind " + type.GetType().Name + "."),
    };

    /// <summary>
    /// An enum: <c>enum(i32){Black=-1,Red=1}</c>, or <c>flags(…)</c> for a <c>[Flags]</c> enum; its members sorted by
    /// value (as a number), then by name (ordinal).
    /// </summary>
    /// <param name="underlying">The underlying type's scalar name (<see cref="Scalars"/>).</param>
    /// <param name="isFlags">Whether it is a <c>[Flags]</c> enum.</param>
    /// <param name="members">Every member's name and value.</param>
    public static string Enum(string underlying, bool isFlags, IEnumerable<(string Name, decimal Value)> members) =>
        (isFlags ? "flags(" : "enum(") + underlying + "){"
        + string.Join(",", members.OrderBy(m => m.Value).ThenBy(m => m.Name, System.StringComparer.Ordinal)
            .Select(m => m.Name + "=" + m.Value.ToString(CultureInfo.InvariantCulture)))
        + "}";

    /// <summary>
    /// A struct sent as its bytes: <c>struct(24){Tag@0+1:u8,Value@8+8:i64,Flag@16+1:bool}</c>: its size, then each field's
    /// name, offset, size in bytes and memory type, sorted by offset, then by name (ordinal).
    /// </summary>
    public static string Struct(int size, IEnumerable<(string Name, int Offset, int Size, string Type)> fields) =>
        "struct(" + Number(size) + "){"
        + string.Join(",", fields.OrderBy(f => f.Offset).ThenBy(f => f.Name, System.StringComparer.Ordinal)
            .Select(f => f.Name + "@" + Number(f.Offset) + "+" + Number(f.Size) + ":" + f.Type))
        + "}";

    /// <summary>A fixed-size buffer field's type: its element's memory type and count, <c>char[16]</c>.</summary>
    public static string FixedBuffer(string elementType, int count) => elementType + "[" + Number(count) + "]";

    /// <summary>A <c>Nullable&lt;T&gt;</c> inside a struct, as .NET lays it out in memory: its has-value byte at 0 and
    /// its value at <paramref name="valueOffset"/>, <c>nullable@4(i32)</c> (its size is the field's).</summary>
    public static string NullableInMemory(int valueOffset, string valueType) => "nullable@" + Number(valueOffset) + "(" + valueType + ")";

    /// <summary>A handle: <c>fd(file)</c>, <c>fd(socket)</c>, <c>fd(socket-handle)</c>, or a channel end with what the
    /// fingerprint says of its contract, <c>channel(3f…)</c>; <c>?</c> when null is a value.</summary>
    private static string Descriptor(DescriptorWireType handle) => handle.Kind switch
    {
        DescriptorKind.FileHandle => "fd(file)",
        DescriptorKind.Socket => "fd(socket)",
        DescriptorKind.SocketHandle => "fd(socket-handle)",
        _ => "channel(" + handle.ContractFingerprint + ")",
    } + (handle.IsNullable ? "?" : "");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The names of the values that are their bytes (or validated bytes) on the wire.</summary>
    public static class Scalars
    {
        public const string Boolean = "bool";
        public const string SByte = "i8";
        public const string Byte = "u8";
        public const string Int16 = "i16";
        public const string UInt16 = "u16";
        public const string Char = "char";
        public const string Half = "f16";
        public const string Int32 = "i32";
        public const string UInt32 = "u32";
        public const string Single = "f32";
        public const string Int64 = "i64";
        public const string UInt64 = "u64";
        public const string Double = "f64";
        public const string NInt = "nint";
        public const string NUInt = "nuint";
        public const string Int128 = "i128";
        public const string UInt128 = "u128";
        public const string Decimal = "decimal";
        public const string DateTime = "datetime";
        public const string TimeSpan = "timespan";
        public const string Guid = "guid";
    }
}
