namespace SocketPairGen.Generator.Model;

/// <summary>One parameter that crosses the wire.</summary>
/// <param name="Name">The parameter's name, escaped with <c>@</c> when it is a keyword.</param>
/// <param name="Modifier">Its modifier as written before the type (<c>""</c>, <c>"in "</c>, <c>"ref readonly "</c>).</param>
/// <param name="Type">Its wire type.</param>
/// <param name="DefaultValue">Its default value as C# source (<c>= 5</c> in the declaration), or null; the proxy
/// repeats it, as an implementation does not inherit an interface's defaults.</param>
internal sealed record ParameterSpec(string Name, string Modifier, WireType Type, string? DefaultValue);
