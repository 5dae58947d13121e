using SocketPairGen;

namespace Samples.Minimal;

/// <summary>One synchronous method.</summary>
[SocketPairChannel]
public partial interface ICalculator
{
    int Add(int a, int b);
}
