using System;
using SocketPairGen;

namespace Samples.Values;

/// <summary>Framework values, nullables and tuples.</summary>
[SocketPairChannel]
public partial interface IValues
{
    (int Count, double Mean, bool Done) Stats((int, int) range, Guid id);

    int? Parse(char? first, long? fallback);

    DateTime Later(DateTime when, TimeSpan by);

    decimal Total(decimal a, decimal b);

    Int128 Big(UInt128 value, Half half, nint pointerSized, nuint unsignedPointerSized);

    (Guid, DateTime?)? Maybe((Guid, DateTime?)? value);
}
