namespace SocketPairGen.TestChild.JsonRpcContracts;

/// <summary>The server side of <see cref="IJsonRpcCalculator"/>: naturally synchronous, completed tasks.</summary>
public sealed class JsonRpcCalculatorServer : IJsonRpcCalculator
{
    public Task<int> AddAsync(int a, int b) => Task.FromResult(unchecked(a + b));

    public Task<int> EchoLengthAsync(byte[] block) => Task.FromResult(block.Length);
}
