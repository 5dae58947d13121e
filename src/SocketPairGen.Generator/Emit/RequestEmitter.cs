using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// Writes, per method with arguments, its request: a ref struct holding the arguments (one field per parameter, named
/// like it), which the client writes and the server reads back. The last block that can go as one copy is moved to
/// the end of the wire order and sent as the frame's trailer, straight from the caller's memory.
/// </summary>
internal static class RequestEmitter
{
    /// <summary>The parameters in wire order: declaration order, with the trailer block (if any) moved last.</summary>
    public static IReadOnlyList<(ParameterSpec Parameter, bool IsTrailer)> WireOrder(MethodSpec method)
    {
        var ordered = method.Parameters.Select(p => (Parameter: p, IsTrailer: false)).ToList();
        int trailer = ordered.FindLastIndex(p => CodecTypes.IsTrailerCandidate(p.Parameter.Type));
        if (trailer >= 0)
        {
            var last = ordered[trailer];
            ordered.RemoveAt(trailer);
            ordered.Add((last.Parameter, true));
        }

        return ordered;
    }

    /// <summary>
    /// Writes the request: its fields, then its payload members, each on one line where it is one statement (a member
    /// of several statements stands apart, between blank lines). The members are explicit implementations, so a parameter (a field)
    /// may have any name.
    /// </summary>
    public static void Emit(SourceWriter w, MethodSpec method, string name, CodecTypes codecs)
    {
        var order = WireOrder(method);
        string parameters = string.Join(", ", method.Parameters.Select(p => $"{p.Type.TypeName} {p.Name}"));
        w.Line($"/// <summary>The arguments of <c>{method.Name}</c>.</summary>");
        w.Open($"internal readonly ref struct {name}({parameters}) : {Names.IRequest}<{name}>");
        foreach (ParameterSpec parameter in method.Parameters)
        {
            w.Line($"public readonly {parameter.Type.TypeName} {parameter.Name} = {parameter.Name};");
        }

        w.Line($"long {Names.IFramePayload}.InlineLength => {InlineLength(order, codecs)};");
        var trailer = order.FirstOrDefault(p => p.IsTrailer).Parameter;
        w.Line($"{Names.ReadOnlySpan} {Names.IFramePayload}.Trailer => " + (trailer is null ? "default;" : $"{codecs.Of(trailer.Type)}.Trailer(this.{trailer.Name});"));
        var writes = order.Select(p => p.IsTrailer
            ? $"writer.Write({codecs.Of(p.Parameter.Type)}.TrailerCount(this.{p.Parameter.Name}));"
            : $"{codecs.Of(p.Parameter.Type)}.Write(ref writer, this.{p.Parameter.Name});").ToList();
        string write = $"void {Names.IFramePayload}.WriteInline(ref {Names.WireWriter} writer)";
        string read = $"static {name} {Names.IRequest}<{name}>.Read(scoped ref {Names.WireReader} reader)";
        bool inDeclarationOrder = order.Select(p => p.Parameter).SequenceEqual(method.Parameters);
        if (writes.Count == 1)
        {
            w.Line($"{write} => {writes[0]}");
        }
        else
        {
            w.Line();
            w.Open(write);
            foreach (string statement in writes)
            {
                w.Line(statement);
            }

            w.Close();
            if (inDeclarationOrder)
            {
                w.Line();
            }
        }

        if (inDeclarationOrder)
        {
            w.Line($"{read} => new({string.Join(", ", order.Select(p => codecs.Read(p.Parameter.Type)))});");
        }
        else
        {
            // Read in wire order, then passed in declaration order.
            w.Line();
            w.Open(read);
            foreach (var (parameter, _) in order)
            {
                w.Line($"{parameter.Type.TypeName} arg{Index(method, parameter)} = {codecs.Read(parameter.Type)};");
            }

            w.Line($"return new({string.Join(", ", method.Parameters.Select((p, i) => "arg" + i.ToString(CultureInfo.InvariantCulture)))});");
            w.Close();
        }

        w.Close();
    }

    private static int Index(MethodSpec method, ParameterSpec parameter) => method.Parameters.AsSpan().IndexOf(parameter);

    /// <summary>The fixed sizes summed at compile time, then the measures of variable-size values; a trailer counts
    /// only its 4-byte count.</summary>
    private static string InlineLength(IReadOnlyList<(ParameterSpec Parameter, bool IsTrailer)> order, CodecTypes codecs)
    {
        int fixedSize = order.Where(p => p.IsTrailer || p.Parameter.Type.FixedSize >= 0).Sum(p => p.IsTrailer ? 4 : p.Parameter.Type.FixedSize);
        var terms = order.Where(p => !p.IsTrailer && p.Parameter.Type.FixedSize < 0)
            .Select(p => $"{codecs.Of(p.Parameter.Type)}.Measure(this.{p.Parameter.Name})").ToList();
        if (fixedSize > 0 || terms.Count == 0)
        {
            terms.Insert(0, fixedSize.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(" + ", terms);
    }
}
