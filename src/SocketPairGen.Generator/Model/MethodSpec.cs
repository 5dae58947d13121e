namespace SocketPairGen.Generator.Model;

/// <summary>One contract method.</summary>
/// <param name="Id">The wire id: the method's index in the contract's sorted method list.</param>
/// <param name="Name">The method's name.</param>
/// <param name="Shape">How it returns.</param>
/// <param name="ReturnTypeName">The declared return type, fully qualified.</param>
/// <param name="Result">The wire type of the result, or null for <c>void</c>, <c>Task</c> and <c>ValueTask</c>.</param>
/// <param name="Parameters">The parameters in declaration order, without the cancellation token.</param>
/// <param name="CancellationTokenName">The name of the trailing <c>CancellationToken</c> parameter, if any.</param>
/// <param name="CancellationTokenIsOptional">Whether that parameter is declared <c>= default</c>.</param>
internal sealed record MethodSpec(
    int Id,
    string Name,
    MethodShape Shape,
    string ReturnTypeName,
    WireType? Result,
    EquatableArray<ParameterSpec> Parameters,
    string? CancellationTokenName,
    bool CancellationTokenIsOptional);
