using System.Collections.Generic;
using System.Linq;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// The request of a method with parameters, as the runtime's <c>Arguments&lt;T1, C1, …&gt;</c>: its parameters' types
/// and codecs in wire order. Generated code names this type instead of declaring one per method, which is most of what
/// the generated code used to cost a consumer's compile. The last block that can go as one copy is moved to the end of
/// the wire order, where the runtime sends it as the frame's trailer, straight from the caller's memory. Past seven
/// parameters the type nests (<c>Arguments&lt;T1, C1, …, T7, C7, Arguments&lt;…&gt;&gt;</c>), as tuples do.
/// </summary>
internal static class ArgumentsType
{
    private const int Flat = 7;

    /// <summary>The parameters in wire order: declaration order, with the trailer block (if any) moved last.</summary>
    public static IReadOnlyList<ParameterSpec> WireOrder(MethodSpec method)
    {
        var ordered = method.Parameters.ToList();
        int trailer = ordered.FindLastIndex(p => CodecTypes.IsTrailerCandidate(p.Type));
        if (trailer >= 0)
        {
            ParameterSpec last = ordered[trailer];
            ordered.RemoveAt(trailer);
            ordered.Add(last);
        }

        return ordered;
    }

    /// <summary>The request type of <paramref name="method"/>, which has parameters.</summary>
    public static string Of(MethodSpec method, CodecTypes codecs) => Of(WireOrder(method), 0, codecs);

    /// <summary>The request built from the client's parameters: <c>new(a, b)</c>, in wire order.</summary>
    public static string New(MethodSpec method) => New(WireOrder(method), 0);

    /// <summary>Where the dispatcher finds <paramref name="parameter"/> in the request it read: <c>.Item2</c>, or
    /// <c>.Rest.Item1</c> past seven.</summary>
    public static string Field(MethodSpec method, ParameterSpec parameter)
    {
        int index = WireOrder(method).ToList().IndexOf(parameter);
        return string.Concat(Enumerable.Repeat(".Rest", index / Flat)) + ".Item" + (index % Flat + 1);
    }

    private static string Of(IReadOnlyList<ParameterSpec> order, int start, CodecTypes codecs)
    {
        var arguments = order.Skip(start).Take(Flat).Select(p => $"{TypeArgument(p.Type)}, {codecs.Of(p.Type)}").ToList();
        if (order.Count - start > Flat)
        {
            arguments.Add(Of(order, start + Flat, codecs));
        }

        return $"{Names.Arguments}<{string.Join(", ", arguments)}>";
    }

    private static string New(IReadOnlyList<ParameterSpec> order, int start)
    {
        var arguments = order.Skip(start).Take(Flat).Select(p => p.Name).ToList();
        if (order.Count - start > Flat)
        {
            arguments.Add(New(order, start + Flat));
        }

        return $"new({string.Join(", ", arguments)})";
    }

    /// <summary>The argument's type as its codec sees it: a string or an array declared where nullable annotations are
    /// off may be null, so it is named nullable, like the type its codec reads (an array of handles there has elements
    /// that may be null too: <c>SafeFileHandle?[]?</c>).</summary>
    public static string TypeArgument(WireType type) => type switch
    {
        DescriptorArrayWireType array when CodecTypes.IsOblivious(array) => TypeArgument(array.Element) + "[]?",
        _ when CodecTypes.IsOblivious(type) => type.TypeName + "?",
        _ => type.TypeName,
    };
}
