using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SocketPairGen.Channels.Codecs;

/// <summary>
/// What every block codec shares: a block is a 4-byte element count (-1 for a null array), then the elements, as one
/// copy when their memory is their wire form, else one by one through the element's codec. Sizes are computed in 64
/// bits: a block too large for any frame is refused before anything is written, never wrapped around.
/// </summary>
internal static class Blocks
{
    /// <summary>The wire size of a block of <paramref name="count"/> elements of <paramref name="elementSize"/> bytes.</summary>
    public static int Measure(int count, int elementSize)
    {
        long size = 4 + ((long)count * elementSize);
        if (size > int.MaxValue)
        {
            throw TooLarge(count, elementSize);
        }

        return (int)size;
    }

    /// <summary>Writes the count and the elements.</summary>
    public static void Write<T, TElement>(ref WireWriter writer, scoped ReadOnlySpan<T> elements)
        where TElement : IFixedSizeCodec<T>
    {
        if (TElement.IsRaw)
        {
            writer.Write(elements.Length);
            writer.WriteRaw(Bytes(elements, TElement.Size));
            return;
        }

        writer.Write(elements.Length);
        foreach (ref readonly T element in elements)
        {
            TElement.Write(ref writer, in element);
        }
    }

    /// <summary>The elements' bytes, for a block sent as a frame's trailer.</summary>
    public static ReadOnlySpan<byte> Bytes<T>(ReadOnlySpan<T> elements, int elementSize)
    {
        Measure(elements.Length, elementSize); // refuses a block whose byte size a span cannot hold
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(elements)), elements.Length * elementSize);
    }

    /// <summary>Reads the elements of a block whose count is read (and checked against the bytes left) into a new array.</summary>
    public static T[] ReadArray<T, TElement>(ref WireReader reader, int count)
        where TElement : IFixedSizeCodec<T>
    {
        if (TElement.IsRaw)
        {
            return Elements<T>(reader.ReadRaw(count * TElement.Size), count).ToArray();
        }

        var elements = new T[count];
        for (int i = 0; i < elements.Length; i++)
        {
            elements[i] = TElement.Read(ref reader);
        }

        return elements;
    }

    /// <summary>Elements whose memory is their wire form, read in place (unaligned reads are fine on the platforms .NET
    /// runs this library on).</summary>
    public static ReadOnlySpan<T> Elements<T>(ReadOnlySpan<byte> bytes, int count) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetReference(bytes)), count);

    private static ChannelProtocolException TooLarge(int count, int elementSize) =>
        new($"A block of {count} elements of {elementSize} bytes ({4 + ((long)count * elementSize)} bytes with its count) is larger than any frame can carry; nothing was sent.");
}
