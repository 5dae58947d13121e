using System.Threading.Tasks;
using SocketPairGen;

namespace Samples.Internal;

internal enum Mode
{
    Off,
    On,
}

/// <summary>An internal contract over an internal enum.</summary>
[SocketPairChannel]
internal partial interface ISwitch
{
    Mode Toggle(Mode mode);

    Task SetAsync(Mode mode);
}
