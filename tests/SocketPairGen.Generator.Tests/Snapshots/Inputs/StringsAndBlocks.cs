using System;
using System.Threading.Tasks;
using SocketPairGen;

namespace Samples.Blocks;

/// <summary>Strings and every block container, nullable or not, as parameters and results.</summary>
[SocketPairChannel]
public partial interface IStorage
{
    string Echo(string text);

    string? Find(string? key);

    byte[] Read(int offset, int count);

    int[]? Lookup(int[]? keys);

    ReadOnlyMemory<byte> Transform(ReadOnlyMemory<byte> input);

    Memory<long> Widen(Memory<long> values);

    int Write(ReadOnlySpan<byte> data);

    int[] Fill(Span<int> buffer, int value);

    bool[] Flags(bool[] values);

    ValueTask<long> SumAsync(ReadOnlyMemory<byte> first, string label, ReadOnlyMemory<byte> second);
}
