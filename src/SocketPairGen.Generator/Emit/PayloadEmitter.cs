using System.Collections.Generic;
using System.Linq;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// Writes, per method, the request payload (the arguments, client side), the reply payload (the result, server
/// side) and the reply decoder (client side). Payloads are ref structs holding the values, written straight into
/// the channel's send buffer; the last block that can go as one copy is sent as the trailer, from the caller's
/// memory.
/// </summary>
internal static class PayloadEmitter
{
    public static string RequestName(MethodSpec method) => $"{method.Name}{method.Id}Request";


    /// <summary>The parameters in wire order: declaration order, with the trailer block (if any) moved last.</summary>
    public static IReadOnlyList<(ParameterSpec Parameter, int Index, bool IsTrailer)> WireOrder(MethodSpec method)
    {
        var ordered = method.Parameters.Select((p, i) => (Parameter: p, Index: i, IsTrailer: false)).ToList();
        int trailer = ordered.FindLastIndex(p => CodecEmitter.IsTrailerCandidate(p.Parameter.Type));
        if (trailer >= 0)
        {
            var last = ordered[trailer];
            ordered.RemoveAt(trailer);
            ordered.Add((last.Parameter, last.Index, true));
        }

        return ordered;
    }

    public static void EmitRequest(SourceWriter w, MethodSpec method, CodecEmitter codec)
    {
        var fields = method.Parameters.Select((p, i) => (Type: FieldType(p.Type), Name: $"_arg{i}")).ToList();
        w.Line($"/// <summary>The arguments of <c>{method.Name}</c>.</summary>");
        w.Open($"private readonly ref struct {RequestName(method)} : {Names.IFramePayload}");
        EmitFieldsAndConstructor(w, RequestName(method), fields);
        EmitPayloadMembers(w, WireOrder(method).Select(p => (p.Parameter.Type, $"_arg{p.Index}", p.IsTrailer)).ToList(), codec);
        w.Close();
    }

    public static void EmitReply(SourceWriter w, WireType result, ResultNames names, CodecEmitter codec)
    {
        w.Line($"/// <summary>A result of type <c>{Plain(result.TypeName)}</c>.</summary>");
        w.Open($"private readonly ref struct {names.Reply(result)} : {Names.IFramePayload}");
        EmitFieldsAndConstructor(w, names.Reply(result), [(FieldType(result), "_value")]);
        EmitPayloadMembers(w, [(result, "_value", CodecEmitter.IsTrailerCandidate(result))], codec);
        w.Close();
    }

    public static void EmitDecoder(SourceWriter w, WireType result, ResultNames names, CodecEmitter codec)
    {
        w.Line($"/// <summary>Decodes a result of type <c>{Plain(result.TypeName)}</c>.</summary>");
        w.Open($"private readonly struct {names.Decoder(result)} : {Names.IFrameDecoder}<{result.TypeName}>");
        w.Open($"public static {result.TypeName} Decode({Names.ReadOnlySpan} payload)");
        w.Line($"var reader = new {Names.WireReader}(payload);");
        w.Line($"{result.TypeName} value = {codec.Read(result)};");
        w.Line("reader.EnsureEnd();");
        w.Line("return value;");
        w.Close();
        w.Close();
    }

    private static string Plain(string typeName) => typeName.Replace("global::", "").Replace("<", "&lt;").Replace(">", "&gt;");

    private static void EmitFieldsAndConstructor(SourceWriter w, string typeName, IReadOnlyList<(string Type, string Name)> fields)
    {
        foreach (var (type, name) in fields)
        {
            w.Line($"private readonly {type} {name};");
        }

        w.Line();
        string parameters = string.Join(", ", fields.Select(f => $"{f.Type} {f.Name.Substring(1)}"));
        w.Open($"public {typeName}({parameters})");
        foreach (var (_, name) in fields)
        {
            w.Line($"{name} = {name.Substring(1)};");
        }

        w.Close();
        w.Line();
    }

    private static void EmitPayloadMembers(SourceWriter w, IReadOnlyList<(WireType Type, string Value, bool IsTrailer)> values, CodecEmitter codec)
    {
        int fixedSize = values.Where(v => v.Type.FixedSize >= 0).Sum(v => v.Type.FixedSize);
        var measures = values.Where(v => v.Type.FixedSize < 0).Select(v => CodecEmitter.Measure(v.Type, v.Value, v.IsTrailer)).ToList();
        var terms = fixedSize > 0 || measures.Count == 0
            ? new[] { fixedSize.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(measures)
            : measures;
        string inlineLength = string.Join(" + ", terms);
        w.Line($"public int InlineLength => {inlineLength};");
        w.Line();

        var trailer = values.FirstOrDefault(v => v.IsTrailer);
        string? countStatement = null;
        if (trailer.Type is BlockWireType block)
        {
            (countStatement, string trailerExpression) = CodecEmitter.Trailer(block, trailer.Value);
            w.Line($"public {Names.ReadOnlySpan} Trailer => {trailerExpression};");
        }
        else
        {
            w.Line($"public {Names.ReadOnlySpan} Trailer => default;");
        }

        w.Line();
        w.Open($"public void WriteInline({Names.Span} destination)");
        if (values.Count > 0)
        {
            w.Line($"var writer = new {Names.WireWriter}(destination);");
        }

        foreach (var (type, value, isTrailer) in values)
        {
            w.Line(isTrailer ? countStatement! : codec.Write(type, value));
        }

        w.Close();
    }

    /// <summary>The field type a payload keeps a value in (spans stay spans: payloads are ref structs).</summary>
    private static string FieldType(WireType type) => type.TypeName;
}
