using System.Linq;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// Writes the server side: a dispatcher that decodes each request's arguments (validating them; a malformed
/// request is a protocol error), calls the implementation, and replies with its result or its exception. An
/// asynchronous method that completes at once replies at once; otherwise a small async helper replies later. A null
/// result where the contract's cannot be null is replied as an error on every path, before a reply is built.
/// </summary>
internal static class DispatcherEmitter
{
    public static void Emit(SourceWriter w, ContractSpec contract, ResultNames results, CodecEmitter codec)
    {
        w.Line($"/// <summary>Routes requests to an implementation of <see cref=\"{contract.FullName}\"/>.</summary>");
        w.Line(Names.GeneratedCode);
        w.Open($"internal sealed class Dispatcher : {Names.IChannelDispatcher}");
        w.Line($"private readonly {contract.FullName} _implementation;");
        w.Line();
        w.Line($"internal Dispatcher({contract.FullName} implementation) => _implementation = implementation;");
        w.Line();
        w.Open($"public void Dispatch({Names.ServerCall} call, {Names.ReadOnlyMemory} payload)");
        w.Open("switch (call.MethodId)");
        foreach (MethodSpec method in contract.Methods)
        {
            w.Line($"case {method.Id}:");
            w.Line($"    {InvokeName(method)}(call, payload);");
            w.Line("    break;");
        }

        w.Line("default:");
        w.Line($"    throw new {Names.ChannelProtocolException}(\"Received a call of unknown method id \" + call.MethodId + \".\");");
        w.Close();
        w.Close();

        foreach (MethodSpec method in contract.Methods)
        {
            w.Line();
            string qualifiedName = contract.ContractName + "." + method.Name;
            EmitInvoke(w, method, qualifiedName, results, codec);
            if (method.Shape is MethodShape.Task or MethodShape.TaskOfT or MethodShape.ValueTask or MethodShape.ValueTaskOfT)
            {
                w.Line();
                EmitCompletion(w, method, qualifiedName, results);
            }
        }

        w.Close();
    }

    private static string InvokeName(MethodSpec method) => $"Invoke{method.Name}{method.Id}";

    private static void EmitInvoke(SourceWriter w, MethodSpec method, string qualifiedName, ResultNames results, CodecEmitter codec)
    {
        w.Open($"private void {InvokeName(method)}({Names.ServerCall} call, {Names.ReadOnlyMemory} payload)");
        // A synchronous method that takes a token runs on the thread pool, so that the reader thread stays free to
        // read the call's cancel frame; its arguments then cannot be spans into the request.
        bool offload = method.Shape is MethodShape.Sync or MethodShape.Void && method.CancellationTokenName is not null;
        if (method.Parameters.Count > 0)
        {
            w.Line($"var reader = new {Names.WireReader}(payload.Span);");
            foreach (var (parameter, index, _) in PayloadEmitter.WireOrder(method))
            {
                if (offload && parameter.Type is BlockWireType { Container: BlockContainer.ReadOnlySpan or BlockContainer.Span } copied)
                {
                    w.Line($"{copied.Element.TypeName}[] arg{index} = {codec.Read(copied)};");
                    continue;
                }

                if (parameter.Type is BlockWireType { IsBlockCopy: true, Container: BlockContainer.Span } span)
                {
                    // The implementation may write to its span: it gets the payload's bytes, which nobody reads again.
                    string element = span.Element.TypeName;
                    w.Line($"global::System.ReadOnlySpan<{element}> received{index} = reader.ReadNonNullSpan<{element}>();");
                    w.Line($"{parameter.Type.TypeName} arg{index} = {Names.MemoryMarshal}.CreateSpan(ref {Names.Unsafe}.AsRef(in {Names.MemoryMarshal}.GetReference(received{index})), received{index}.Length);");
                    continue;
                }

                w.Line($"{parameter.Type.TypeName} arg{index} = {ReadArgument(parameter.Type, codec)};");
            }

            w.Line("reader.EnsureEnd();");
        }
        else
        {
            w.Line($"new {Names.WireReader}(payload.Span).EnsureEnd();");
        }

        var arguments = method.Parameters.Select((p, i) => (p.Modifier is "in " or "ref readonly " ? "in " : "") + "arg" + i).ToList();
        if (method.CancellationTokenName is not null)
        {
            arguments.Add(offload ? "cancellationToken" : "call.CancellationToken");
        }

        string invocation = $"_implementation.{Parsing.TypeNames.Identifier(method.Name)}({string.Join(", ", arguments)})";
        bool retain = method.Parameters.Any(p => PointsIntoPayload(p.Type));
        switch (method.Shape)
        {
            case MethodShape.Void or MethodShape.Sync when offload:
                if (retain)
                {
                    w.Line("call.RetainPayload();");
                }

                w.Line($"{Names.CancellationToken} cancellationToken = call.CancellationToken;");
                w.Open("_ = global::System.Threading.Tasks.Task.Run(() =>");
                EmitSynchronousInvocation(w, method, invocation, qualifiedName, results);
                w.Close(");");
                break;
            case MethodShape.Void or MethodShape.Sync:
                EmitSynchronousInvocation(w, method, invocation, qualifiedName, results);
                break;
            default:
                w.Line($"{method.ReturnTypeName} task;");
                w.Open("try").Line($"task = {invocation};").Close();
                EmitCatch(w);
                w.Open("if (task.IsCompletedSuccessfully)");
                switch (method.Shape)
                {
                    case MethodShape.TaskOfT or MethodShape.ValueTaskOfT:
                        EmitReply(w, method, "task.Result", qualifiedName, results);
                        break;
                    case MethodShape.ValueTask:
                        w.Line("task.GetAwaiter().GetResult();");
                        w.Line($"call.Reply(default({Names.EmptyPayload}));");
                        break;
                    default:
                        w.Line($"call.Reply(default({Names.EmptyPayload}));");
                        break;
                }

                w.Close();
                w.Open("else");
                if (retain)
                {
                    w.Line("// An argument points into the request's bytes: keep them until the task completes.");
                    w.Line("call.RetainPayload();");
                }

                w.Line($"_ = Complete{method.Name}{method.Id}Async(call, task);");
                w.Close();
                break;
        }

        w.Close();
    }

    private static void EmitSynchronousInvocation(SourceWriter w, MethodSpec method, string invocation, string qualifiedName, ResultNames results)
    {
        if (method.Shape == MethodShape.Void)
        {
            w.Open("try").Line(invocation + ";").Close();
            EmitCatch(w);
            w.Line($"call.Reply(default({Names.EmptyPayload}));");
            return;
        }

        w.Line($"{method.Result!.TypeName} result;");
        w.Open("try").Line($"result = {invocation};").Close();
        EmitCatch(w);
        EmitReply(w, method, "result", qualifiedName, results);
    }

    /// <summary>
    /// Replies with <paramref name="value"/>. A string or array that cannot be null is checked first: a null one could
    /// not be encoded (or would reach the caller as null), so the caller gets an error naming the method instead, and
    /// nothing escapes into a task nobody observes.
    /// </summary>
    private static void EmitReply(SourceWriter w, MethodSpec method, string value, string qualifiedName, ResultNames results)
    {
        WireType result = method.Result!;
        if (!CodecEmitter.CannotBeNull(result))
        {
            w.Line($"call.Reply(new {results.Reply(result)}({value}));");
            return;
        }

        if (value != "result")
        {
            w.Line($"{result.TypeName} result = {value};");
        }

        w.Open("if (result is null)")
            .Line($"call.ReplyError({Names.WireValidation}.NullResult(\"{qualifiedName}\", \"{result.TypeName.Replace("global::", "")}\"));")
            .Line("return;")
            .Close();
        w.Line();
        w.Line($"call.Reply(new {results.Reply(result)}(result));");
    }

    private static void EmitCatch(SourceWriter w)
    {
        w.Open($"catch ({Names.Exception} exception)");
        w.Line("call.ReplyError(exception);");
        w.Line("return;");
        w.Close();
        w.Line();
    }

    /// <summary>
    /// Server side, blocks that are one copy are handed to the implementation straight from the request's bytes:
    /// spans of any element, memories of bytes. Other blocks are copied into arrays.
    /// </summary>
    private static string ReadArgument(WireType type, CodecEmitter codec) => type switch
    {
        BlockWireType { IsBlockCopy: true, Container: BlockContainer.ReadOnlySpan } b => $"reader.ReadNonNullSpan<{b.Element.TypeName}>()",
        BlockWireType { Container: BlockContainer.ReadOnlyMemory } b when PointsIntoPayload(b) => "reader.ReadMemory(payload)",
        BlockWireType { Container: BlockContainer.Memory } b when PointsIntoPayload(b) =>
            $"{Names.MemoryMarshal}.AsMemory(reader.ReadMemory(payload))",
        _ => codec.Read(type),
    };

    private static bool PointsIntoPayload(WireType type) =>
        type is BlockWireType { Container: BlockContainer.ReadOnlyMemory or BlockContainer.Memory, Element: BlittableWireType { TypeName: "byte" } };

    private static void EmitCompletion(SourceWriter w, MethodSpec method, string qualifiedName, ResultNames results)
    {
        bool hasResult = method.Shape is MethodShape.TaskOfT or MethodShape.ValueTaskOfT;
        w.Open($"private static async {Names.Task} Complete{method.Name}{method.Id}Async({Names.ServerCall} call, {method.ReturnTypeName} task)");
        if (hasResult)
        {
            w.Line($"{method.Result!.TypeName} result;");
        }

        w.Open("try").Line((hasResult ? "result = " : "") + "await task.ConfigureAwait(false);").Close();
        EmitCatch(w);
        if (hasResult)
        {
            EmitReply(w, method, "result", qualifiedName, results);
        }
        else
        {
            w.Line($"call.Reply(default({Names.EmptyPayload}));");
        }

        w.Close();
    }
}
