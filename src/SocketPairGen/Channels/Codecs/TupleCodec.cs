using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>A value tuple of 2 elements: the elements one after the other, each with its codec.</summary>
/// <typeparam name="T1">Element 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Element 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2> : IFixedSizeCodec<(T1, T2)>
    where C1 : IFixedSizeCodec<T1>
    where C2 : IFixedSizeCodec<T2>
{
    /// <inheritdoc/>
    public static int Size => C1.Size + C2.Size;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in (T1, T2) value) => Size;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in (T1, T2) value)
    {
        C1.Write(ref writer, value.Item1);
        C2.Write(ref writer, value.Item2);
    }

    /// <inheritdoc/>
    public static (T1, T2) Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        return (item1, item2);
    }
}

/// <summary>A value tuple of 3 elements: the elements one after the other, each with its codec.</summary>
/// <typeparam name="T1">Element 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Element 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Element 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3> : IFixedSizeCodec<(T1, T2, T3)>
    where C1 : IFixedSizeCodec<T1>
    where C2 : IFixedSizeCodec<T2>
    where C3 : IFixedSizeCodec<T3>
{
    /// <inheritdoc/>
    public static int Size => C1.Size + C2.Size + C3.Size;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in (T1, T2, T3) value) => Size;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in (T1, T2, T3) value)
    {
        C1.Write(ref writer, value.Item1);
        C2.Write(ref writer, value.Item2);
        C3.Write(ref writer, value.Item3);
    }

    /// <inheritdoc/>
    public static (T1, T2, T3) Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        return (item1, item2, item3);
    }
}

/// <summary>A value tuple of 4 elements: the elements one after the other, each with its codec.</summary>
/// <typeparam name="T1">Element 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Element 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Element 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
/// <typeparam name="T4">Element 4.</typeparam>
/// <typeparam name="C4">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4> : IFixedSizeCodec<(T1, T2, T3, T4)>
    where C1 : IFixedSizeCodec<T1>
    where C2 : IFixedSizeCodec<T2>
    where C3 : IFixedSizeCodec<T3>
    where C4 : IFixedSizeCodec<T4>
{
    /// <inheritdoc/>
    public static int Size => C1.Size + C2.Size + C3.Size + C4.Size;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in (T1, T2, T3, T4) value) => Size;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in (T1, T2, T3, T4) value)
    {
        C1.Write(ref writer, value.Item1);
        C2.Write(ref writer, value.Item2);
        C3.Write(ref writer, value.Item3);
        C4.Write(ref writer, value.Item4);
    }

    /// <inheritdoc/>
    public static (T1, T2, T3, T4) Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        T4 item4 = C4.Read(ref reader);
        return (item1, item2, item3, item4);
    }
}

/// <summary>A value tuple of 5 elements: the elements one after the other, each with its codec.</summary>
/// <typeparam name="T1">Element 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Element 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Element 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
/// <typeparam name="T4">Element 4.</typeparam>
/// <typeparam name="C4">Its codec.</typeparam>
/// <typeparam name="T5">Element 5.</typeparam>
/// <typeparam name="C5">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5> : IFixedSizeCodec<(T1, T2, T3, T4, T5)>
    where C1 : IFixedSizeCodec<T1>
    where C2 : IFixedSizeCodec<T2>
    where C3 : IFixedSizeCodec<T3>
    where C4 : IFixedSizeCodec<T4>
    where C5 : IFixedSizeCodec<T5>
{
    /// <inheritdoc/>
    public static int Size => C1.Size + C2.Size + C3.Size + C4.Size + C5.Size;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in (T1, T2, T3, T4, T5) value) => Size;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in (T1, T2, T3, T4, T5) value)
    {
        C1.Write(ref writer, value.Item1);
        C2.Write(ref writer, value.Item2);
        C3.Write(ref writer, value.Item3);
        C4.Write(ref writer, value.Item4);
        C5.Write(ref writer, value.Item5);
    }

    /// <inheritdoc/>
    public static (T1, T2, T3, T4, T5) Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        T4 item4 = C4.Read(ref reader);
        T5 item5 = C5.Read(ref reader);
        return (item1, item2, item3, item4, item5);
    }
}

/// <summary>A value tuple of 6 elements: the elements one after the other, each with its codec.</summary>
/// <typeparam name="T1">Element 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Element 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Element 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
/// <typeparam name="T4">Element 4.</typeparam>
/// <typeparam name="C4">Its codec.</typeparam>
/// <typeparam name="T5">Element 5.</typeparam>
/// <typeparam name="C5">Its codec.</typeparam>
/// <typeparam name="T6">Element 6.</typeparam>
/// <typeparam name="C6">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6> : IFixedSizeCodec<(T1, T2, T3, T4, T5, T6)>
    where C1 : IFixedSizeCodec<T1>
    where C2 : IFixedSizeCodec<T2>
    where C3 : IFixedSizeCodec<T3>
    where C4 : IFixedSizeCodec<T4>
    where C5 : IFixedSizeCodec<T5>
    where C6 : IFixedSizeCodec<T6>
{
    /// <inheritdoc/>
    public static int Size => C1.Size + C2.Size + C3.Size + C4.Size + C5.Size + C6.Size;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in (T1, T2, T3, T4, T5, T6) value) => Size;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in (T1, T2, T3, T4, T5, T6) value)
    {
        C1.Write(ref writer, value.Item1);
        C2.Write(ref writer, value.Item2);
        C3.Write(ref writer, value.Item3);
        C4.Write(ref writer, value.Item4);
        C5.Write(ref writer, value.Item5);
        C6.Write(ref writer, value.Item6);
    }

    /// <inheritdoc/>
    public static (T1, T2, T3, T4, T5, T6) Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        T4 item4 = C4.Read(ref reader);
        T5 item5 = C5.Read(ref reader);
        T6 item6 = C6.Read(ref reader);
        return (item1, item2, item3, item4, item5, item6);
    }
}

/// <summary>A value tuple of 7 elements: the elements one after the other, each with its codec.</summary>
/// <typeparam name="T1">Element 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Element 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Element 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
/// <typeparam name="T4">Element 4.</typeparam>
/// <typeparam name="C4">Its codec.</typeparam>
/// <typeparam name="T5">Element 5.</typeparam>
/// <typeparam name="C5">Its codec.</typeparam>
/// <typeparam name="T6">Element 6.</typeparam>
/// <typeparam name="C6">Its codec.</typeparam>
/// <typeparam name="T7">Element 7.</typeparam>
/// <typeparam name="C7">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TupleCodec<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7> : IFixedSizeCodec<(T1, T2, T3, T4, T5, T6, T7)>
    where C1 : IFixedSizeCodec<T1>
    where C2 : IFixedSizeCodec<T2>
    where C3 : IFixedSizeCodec<T3>
    where C4 : IFixedSizeCodec<T4>
    where C5 : IFixedSizeCodec<T5>
    where C6 : IFixedSizeCodec<T6>
    where C7 : IFixedSizeCodec<T7>
{
    /// <inheritdoc/>
    public static int Size => C1.Size + C2.Size + C3.Size + C4.Size + C5.Size + C6.Size + C7.Size;

    /// <inheritdoc/>
    public static bool IsRaw => false;

    /// <inheritdoc/>
    public static long Measure(scoped in (T1, T2, T3, T4, T5, T6, T7) value) => Size;

    /// <inheritdoc/>
    public static void Write(ref WireWriter writer, scoped in (T1, T2, T3, T4, T5, T6, T7) value)
    {
        C1.Write(ref writer, value.Item1);
        C2.Write(ref writer, value.Item2);
        C3.Write(ref writer, value.Item3);
        C4.Write(ref writer, value.Item4);
        C5.Write(ref writer, value.Item5);
        C6.Write(ref writer, value.Item6);
        C7.Write(ref writer, value.Item7);
    }

    /// <inheritdoc/>
    public static (T1, T2, T3, T4, T5, T6, T7) Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        T4 item4 = C4.Read(ref reader);
        T5 item5 = C5.Read(ref reader);
        T6 item6 = C6.Read(ref reader);
        T7 item7 = C7.Read(ref reader);
        return (item1, item2, item3, item4, item5, item6, item7);
    }
}
