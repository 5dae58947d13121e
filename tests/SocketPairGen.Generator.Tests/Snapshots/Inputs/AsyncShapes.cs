using System.Threading;
using System.Threading.Tasks;
using SocketPairGen;

namespace Samples.Async;

/// <summary>Every method shape, with and without a cancellation token.</summary>
[SocketPairChannel]
public partial interface IJobs
{
    void Fire(int id);

    void FireWithToken(int id, CancellationToken cancellationToken);

    long Count(CancellationToken cancellationToken);

    Task StartAsync(int id);

    Task<int> RunAsync(int id, CancellationToken cancellationToken);

    ValueTask PingAsync();

    ValueTask<double> MeasureAsync(int samples, CancellationToken cancellationToken = default);
}
