namespace SocketPairGen.Channels.Codecs;

/// <summary>Names of wire types as C# writes them (<c>int?</c>, <c>byte[]</c>, <c>Ns.Outer.Color</c>), for error
/// messages. Computed once per type, on the first error that needs it.</summary>
internal static class WireTypeName
{
    public static string Of<T>()
        where T : allows ref struct => Cache<T>.Name;

    private static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } value)
        {
            return Describe(value) + "?";
        }

        if (type.IsArray)
        {
            return Describe(type.GetElementType()!) + "[]";
        }

        if (type.IsEnum)
        {
            return (type.FullName ?? type.Name).Replace('+', '.');
        }

        if (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
        {
            return "(" + string.Join(", ", type.GetGenericArguments().Select(Describe)) + ")";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Byte => "byte",
            TypeCode.SByte => "sbyte",
            TypeCode.Int16 => "short",
            TypeCode.UInt16 => "ushort",
            TypeCode.Int32 => "int",
            TypeCode.UInt32 => "uint",
            TypeCode.Int64 => "long",
            TypeCode.UInt64 => "ulong",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.Decimal => "decimal",
            TypeCode.Char => "char",
            TypeCode.String => "string",
            _ when type == typeof(nint) => "nint",
            _ when type == typeof(nuint) => "nuint",
            _ => (type.FullName ?? type.Name).Replace('+', '.'),
        };
    }

    private static class Cache<T>
        where T : allows ref struct
    {
        public static readonly string Name = Describe(typeof(T));
    }
}
