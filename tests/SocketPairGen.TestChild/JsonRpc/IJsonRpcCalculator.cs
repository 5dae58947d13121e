using PolyType;
using StreamJsonRpc;

namespace SocketPairGen.TestChild.JsonRpcContracts;

/// <summary>
/// The StreamJsonRpc contract of the comparison peer (serve-jsonrpc mode): the same two calls the channel
/// benchmarks make. <see cref="JsonRpcContractAttribute"/> makes StreamJsonRpc's source generator emit a proxy
/// for it in this assembly, which <c>JsonRpc.Attach&lt;T&gt;</c> picks instead of a dynamically emitted one;
/// <see cref="GenerateShapeAttribute"/> is what StreamJsonRpc's analyzer asks of every contract (StreamJsonRpc0008).
/// </summary>
[JsonRpcContract]
[GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface IJsonRpcCalculator
{
    /// <summary>Returns <paramref name="a"/> + <paramref name="b"/> (wrapping).</summary>
    Task<int> AddAsync(int a, int b);

    /// <summary>Returns the length of <paramref name="block"/>.</summary>
    Task<int> EchoLengthAsync(byte[] block);
}
