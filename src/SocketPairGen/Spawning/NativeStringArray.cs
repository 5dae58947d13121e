using System.Runtime.InteropServices;
using System.Text;

namespace SocketPairGen.Spawning;

/// <summary>
/// A NULL-terminated array of NUL-terminated UTF-8 strings in native memory, the shape of <c>argv</c> and
/// <c>envp</c>. Built before anything is spawned so that a bad string fails early and nothing needs undoing.
/// </summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private byte** _pointers;

    private NativeStringArray(byte** pointers) => _pointers = pointers;

    /// <summary>The <c>char* const[]</c> to hand to libc; valid until <see cref="Dispose"/>.</summary>
    public byte** Pointer => _pointers;

    /// <summary>Copies <paramref name="values"/> into one native block.</summary>
    /// <param name="values">The strings, in order.</param>
    /// <param name="what">What a string is, for the error message ("argument", "environment variable").</param>
    /// <exception cref="ArgumentException">A string contains a NUL character, which C would silently cut it at.</exception>
    public static NativeStringArray Create(IReadOnlyList<string> values, string what)
    {
        nuint stringBytes = 0;
        foreach (string value in values)
        {
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"The {what} \"{value.Replace("\0", "\\0", StringComparison.Ordinal)}\" contains a NUL character.");
            }

            stringBytes += (nuint)Encoding.UTF8.GetByteCount(value) + 1;
        }

        // One block: the pointer table (plus its NULL terminator) followed by the strings it points into.
        nuint tableBytes = (nuint)(values.Count + 1) * (nuint)sizeof(byte*);
        byte* block = (byte*)NativeMemory.AllocZeroed(tableBytes + stringBytes);
        byte** table = (byte**)block;
        byte* next = block + tableBytes;
        byte* end = next + stringBytes;
        for (int i = 0; i < values.Count; i++)
        {
            table[i] = next;
            int written = Encoding.UTF8.GetBytes(values[i], new Span<byte>(next, (int)(end - next)));
            next += written + 1; // the zeroed block already holds the NUL
        }

        return new NativeStringArray(table);
    }

    /// <summary>Frees the native block; idempotent.</summary>
    public void Dispose()
    {
        NativeMemory.Free(_pointers);
        _pointers = null;
    }
}
