using System.Linq;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// Writes the server side: a dispatcher with one case per method that reads the arguments (a malformed request is a
/// protocol error), calls the implementation and hands what it returned to the runtime, which replies now or when a
/// task completes, and replies with the exception when the implementation throws.
/// </summary>
internal static class DispatcherEmitter
{
    public static void Emit(SourceWriter w, ContractSpec contract, GeneratedNames names, CodecTypes codecs)
    {
        w.Line($"/// <summary>Routes requests to an implementation of <c>{CodecTypes.Plain(contract.FullName)}</c>.</summary>");
        w.Open($"internal sealed class Dispatcher({contract.FullName} implementation) : {Names.IChannelDispatcher}");
        w.Line($"private readonly {contract.FullName} _implementation = implementation ?? throw new global::System.ArgumentNullException(nameof(implementation));");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"public void Dispatch({Names.ServerCall} call, {Names.ReadOnlyMemory} payload)");
        w.Open("switch (call.MethodId)");
        foreach (MethodSpec method in contract.Methods)
        {
            // A case that copies its arguments for the thread pool declares more locals than its request: it gets a
            // block of its own. The others share the switch's scope: their requests' locals are named by method id.
            w.Line($"case {method.Id}:");
            if (Offloaded(method))
            {
                w.Open();
                EmitCase(w, method, codecs);
                w.Line("break;");
                w.Close();
            }
            else
            {
                w.Indent();
                EmitCase(w, method, codecs);
                w.Line("break;");
                w.Unindent();
            }
        }

        w.Close();
        w.Close();
        w.Close();
    }

    private static void EmitCase(SourceWriter w, MethodSpec method, CodecTypes codecs)
    {
        if (method.Parameters.Count > 0)
        {
            w.Line($"var {Local(method)} = call.ReadArguments<{ArgumentsType.Of(method, codecs)}>(payload);");
        }
        else
        {
            w.Line("call.ReadNoArguments(payload);");
        }

        // An offloaded method's arguments cannot be spans into the request, which the reader reuses.
        bool offload = Offloaded(method);
        var arguments = method.Parameters.Select((p, i) => offload ? "arg" + i : Argument(method, p)).ToList();
        if (offload)
        {
            for (int i = 0; i < method.Parameters.Count; i++)
            {
                ParameterSpec parameter = method.Parameters[i];
                string copy = parameter.Type is BlockWireType { Container: BlockContainer.ReadOnlySpan or BlockContainer.Span } span
                    ? $"{span.Element.TypeName}[] arg{i} = {Local(method)}{ArgumentsType.Field(method, parameter)}.ToArray();"
                    : $"{ArgumentsType.TypeArgument(parameter.Type)} arg{i} = {Local(method)}{ArgumentsType.Field(method, parameter)};";
                w.Line(copy);
            }

            w.Line($"{Names.CancellationToken} cancellationToken = call.CancellationToken;");
            arguments.Add("cancellationToken");
        }
        else if (method.CancellationTokenName is not null)
        {
            arguments.Add("call.CancellationToken");
        }

        string invocation = $"_implementation.{Parsing.TypeNames.Identifier(method.Name)}({string.Join(", ", arguments)})";
        string codec = method.Result is { } result ? $"<{result.TypeName}, {codecs.Of(result)}>" : "";
        switch (method.Shape)
        {
            case MethodShape.Void when offload:
                w.Line($"call.Reply({Names.Task}.Run(() => {invocation}));");
                break;
            case MethodShape.Sync when offload:
                CodecTypes.Statement(w, method.Result, $"call.Reply{codec}({Names.Task}.Run(() => {invocation}));");
                break;
            case MethodShape.Void:
                w.Line(invocation + ";");
                w.Line("call.Reply();");
                break;
            default:
                CodecTypes.Statement(w, method.Result, $"call.Reply{codec}({invocation});");
                break;
        }
    }

    /// <summary>A synchronous method that takes a token runs on the thread pool, so that the reader thread stays free to
    /// read the call's cancel frame.</summary>
    private static bool Offloaded(MethodSpec method) =>
        method.Shape is MethodShape.Sync or MethodShape.Void && method.CancellationTokenName is not null;

    private static string Argument(MethodSpec method, ParameterSpec parameter) =>
        (parameter.Modifier is "in " or "ref readonly " ? "in " : "") + Local(method) + ArgumentsType.Field(method, parameter);

    /// <summary>The local holding a method's request: the cases share the switch's scope, and the method's id makes
    /// the name distinct; no user name is in that scope.</summary>
    private static string Local(MethodSpec method) => "arguments" + method.Id;
}
