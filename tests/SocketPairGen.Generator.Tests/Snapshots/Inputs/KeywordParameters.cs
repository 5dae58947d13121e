using System.Threading;
using System.Threading.Tasks;
using SocketPairGen;

namespace Samples.Keywords;

/// <summary>Parameters named like keywords and contextual keywords, and overloads.</summary>
[SocketPairChannel]
public partial interface IKeywords
{
    int Handle(int @event, string @class, bool @default);

    int Handle(long @object);

    void Scoped(int scoped, int value, int @var, int async);

    Task<int> WaitAsync(int @params, CancellationToken @checked);
}
