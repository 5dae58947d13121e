using System.Runtime.InteropServices;

namespace SocketPairGen.Fuzzing.Replay;

/// <summary>
/// Code instrumented by sharpfuzz writes its coverage to <c>SharpFuzz.Common.Trace.SharedMem</c>, which only
/// SharpFuzz's fork server points at AFL's shared memory: anything the program runs before (or without) it, on an
/// instrumented build, needs a buffer to write to, or it crashes.
/// </summary>
internal static unsafe class TraceBuffer
{
    private const int MapSize = 1 << 16;

    public static void EnsureAllocated()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(MapSize);
        }
    }
}
