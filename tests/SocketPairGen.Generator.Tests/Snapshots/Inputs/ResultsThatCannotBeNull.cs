using System.Threading;
using System.Threading.Tasks;
using SocketPairGen;

namespace Samples.References;

/// <summary>Strings and arrays that cannot be null, as results on every server path and as arguments.</summary>
[SocketPairChannel]
public partial interface IReferences
{
    string Name(int id);

    ValueTask<int[]> IdsAsync(string prefix);

    Task<string> DescribeAsync(byte[] data, CancellationToken cancellationToken);

    byte[] Load(string path, CancellationToken cancellationToken);

    string? Find(string? key);
}
