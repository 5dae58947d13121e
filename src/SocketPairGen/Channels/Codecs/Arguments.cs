using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

// The request of every contract method with parameters: the arguments in wire order, each with its codec, so that
// generated code names a type instead of declaring one. One type per count of parameters (C# cannot abstract over a
// type's arity); past seven, the last type nests the others as the tuples do.

/// <summary>The arguments of a contract method of one parameter, in wire order, each with its codec. The last
/// travels as the frame's trailer when its codec can send it from its own memory (<see cref="IWireCodec{T}.HasTrailer"/>):
/// the bytes on the wire are the same, one copy is saved.</summary>
/// <typeparam name="T1">Argument 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct Arguments<T1, C1> : IRequest<Arguments<T1, C1>>
    where T1 : allows ref struct
    where C1 : IWireCodec<T1>
{
    /// <summary>Argument 1.</summary>
    public readonly T1 Item1;

    /// <summary>Holds the arguments.</summary>
    /// <param name="item1">Argument 1.</param>
    public Arguments(T1 item1)
    {
        Item1 = item1;
    }

    /// <inheritdoc/>
    public long InlineLength => (C1.HasTrailer ? sizeof(int) : C1.Measure(Item1));

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => C1.HasTrailer ? C1.Trailer(Item1) : default;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
        if (C1.HasTrailer)
        {
            writer.Write(C1.TrailerCount(Item1));
        }
        else
        {
            C1.Write(ref writer, Item1);
        }
    }

    /// <inheritdoc/>
    public static Arguments<T1, C1> Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        return new(item1);
    }
}

/// <summary>The arguments of a contract method of two parameters, in wire order, each with its codec. The last
/// travels as the frame's trailer when its codec can send it from its own memory (<see cref="IWireCodec{T}.HasTrailer"/>):
/// the bytes on the wire are the same, one copy is saved.</summary>
/// <typeparam name="T1">Argument 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Argument 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct Arguments<T1, C1, T2, C2> : IRequest<Arguments<T1, C1, T2, C2>>
    where T1 : allows ref struct
    where C1 : IWireCodec<T1>
    where T2 : allows ref struct
    where C2 : IWireCodec<T2>
{
    /// <summary>Argument 1.</summary>
    public readonly T1 Item1;

    /// <summary>Argument 2.</summary>
    public readonly T2 Item2;

    /// <summary>Holds the arguments.</summary>
    /// <param name="item1">Argument 1.</param>
    /// <param name="item2">Argument 2.</param>
    public Arguments(T1 item1, T2 item2)
    {
        Item1 = item1;
        Item2 = item2;
    }

    /// <inheritdoc/>
    public long InlineLength => C1.Measure(Item1) + (C2.HasTrailer ? sizeof(int) : C2.Measure(Item2));

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => C2.HasTrailer ? C2.Trailer(Item2) : default;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
        C1.Write(ref writer, Item1);
        if (C2.HasTrailer)
        {
            writer.Write(C2.TrailerCount(Item2));
        }
        else
        {
            C2.Write(ref writer, Item2);
        }
    }

    /// <inheritdoc/>
    public static Arguments<T1, C1, T2, C2> Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        return new(item1, item2);
    }
}

/// <summary>The arguments of a contract method of three parameters, in wire order, each with its codec. The last
/// travels as the frame's trailer when its codec can send it from its own memory (<see cref="IWireCodec{T}.HasTrailer"/>):
/// the bytes on the wire are the same, one copy is saved.</summary>
/// <typeparam name="T1">Argument 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Argument 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Argument 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct Arguments<T1, C1, T2, C2, T3, C3> : IRequest<Arguments<T1, C1, T2, C2, T3, C3>>
    where T1 : allows ref struct
    where C1 : IWireCodec<T1>
    where T2 : allows ref struct
    where C2 : IWireCodec<T2>
    where T3 : allows ref struct
    where C3 : IWireCodec<T3>
{
    /// <summary>Argument 1.</summary>
    public readonly T1 Item1;

    /// <summary>Argument 2.</summary>
    public readonly T2 Item2;

    /// <summary>Argument 3.</summary>
    public readonly T3 Item3;

    /// <summary>Holds the arguments.</summary>
    /// <param name="item1">Argument 1.</param>
    /// <param name="item2">Argument 2.</param>
    /// <param name="item3">Argument 3.</param>
    public Arguments(T1 item1, T2 item2, T3 item3)
    {
        Item1 = item1;
        Item2 = item2;
        Item3 = item3;
    }

    /// <inheritdoc/>
    public long InlineLength => C1.Measure(Item1) + C2.Measure(Item2) + (C3.HasTrailer ? sizeof(int) : C3.Measure(Item3));

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => C3.HasTrailer ? C3.Trailer(Item3) : default;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
        C1.Write(ref writer, Item1);
        C2.Write(ref writer, Item2);
        if (C3.HasTrailer)
        {
            writer.Write(C3.TrailerCount(Item3));
        }
        else
        {
            C3.Write(ref writer, Item3);
        }
    }

    /// <inheritdoc/>
    public static Arguments<T1, C1, T2, C2, T3, C3> Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        return new(item1, item2, item3);
    }
}

/// <summary>The arguments of a contract method of four parameters, in wire order, each with its codec. The last
/// travels as the frame's trailer when its codec can send it from its own memory (<see cref="IWireCodec{T}.HasTrailer"/>):
/// the bytes on the wire are the same, one copy is saved.</summary>
/// <typeparam name="T1">Argument 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Argument 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Argument 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
/// <typeparam name="T4">Argument 4.</typeparam>
/// <typeparam name="C4">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct Arguments<T1, C1, T2, C2, T3, C3, T4, C4> : IRequest<Arguments<T1, C1, T2, C2, T3, C3, T4, C4>>
    where T1 : allows ref struct
    where C1 : IWireCodec<T1>
    where T2 : allows ref struct
    where C2 : IWireCodec<T2>
    where T3 : allows ref struct
    where C3 : IWireCodec<T3>
    where T4 : allows ref struct
    where C4 : IWireCodec<T4>
{
    /// <summary>Argument 1.</summary>
    public readonly T1 Item1;

    /// <summary>Argument 2.</summary>
    public readonly T2 Item2;

    /// <summary>Argument 3.</summary>
    public readonly T3 Item3;

    /// <summary>Argument 4.</summary>
    public readonly T4 Item4;

    /// <summary>Holds the arguments.</summary>
    /// <param name="item1">Argument 1.</param>
    /// <param name="item2">Argument 2.</param>
    /// <param name="item3">Argument 3.</param>
    /// <param name="item4">Argument 4.</param>
    public Arguments(T1 item1, T2 item2, T3 item3, T4 item4)
    {
        Item1 = item1;
        Item2 = item2;
        Item3 = item3;
        Item4 = item4;
    }

    /// <inheritdoc/>
    public long InlineLength => C1.Measure(Item1) + C2.Measure(Item2) + C3.Measure(Item3) + (C4.HasTrailer ? sizeof(int) : C4.Measure(Item4));

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => C4.HasTrailer ? C4.Trailer(Item4) : default;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
        C1.Write(ref writer, Item1);
        C2.Write(ref writer, Item2);
        C3.Write(ref writer, Item3);
        if (C4.HasTrailer)
        {
            writer.Write(C4.TrailerCount(Item4));
        }
        else
        {
            C4.Write(ref writer, Item4);
        }
    }

    /// <inheritdoc/>
    public static Arguments<T1, C1, T2, C2, T3, C3, T4, C4> Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        T4 item4 = C4.Read(ref reader);
        return new(item1, item2, item3, item4);
    }
}

/// <summary>The arguments of a contract method of five parameters, in wire order, each with its codec. The last
/// travels as the frame's trailer when its codec can send it from its own memory (<see cref="IWireCodec{T}.HasTrailer"/>):
/// the bytes on the wire are the same, one copy is saved.</summary>
/// <typeparam name="T1">Argument 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Argument 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Argument 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
/// <typeparam name="T4">Argument 4.</typeparam>
/// <typeparam name="C4">Its codec.</typeparam>
/// <typeparam name="T5">Argument 5.</typeparam>
/// <typeparam name="C5">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5> : IRequest<Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5>>
    where T1 : allows ref struct
    where C1 : IWireCodec<T1>
    where T2 : allows ref struct
    where C2 : IWireCodec<T2>
    where T3 : allows ref struct
    where C3 : IWireCodec<T3>
    where T4 : allows ref struct
    where C4 : IWireCodec<T4>
    where T5 : allows ref struct
    where C5 : IWireCodec<T5>
{
    /// <summary>Argument 1.</summary>
    public readonly T1 Item1;

    /// <summary>Argument 2.</summary>
    public readonly T2 Item2;

    /// <summary>Argument 3.</summary>
    public readonly T3 Item3;

    /// <summary>Argument 4.</summary>
    public readonly T4 Item4;

    /// <summary>Argument 5.</summary>
    public readonly T5 Item5;

    /// <summary>Holds the arguments.</summary>
    /// <param name="item1">Argument 1.</param>
    /// <param name="item2">Argument 2.</param>
    /// <param name="item3">Argument 3.</param>
    /// <param name="item4">Argument 4.</param>
    /// <param name="item5">Argument 5.</param>
    public Arguments(T1 item1, T2 item2, T3 item3, T4 item4, T5 item5)
    {
        Item1 = item1;
        Item2 = item2;
        Item3 = item3;
        Item4 = item4;
        Item5 = item5;
    }

    /// <inheritdoc/>
    public long InlineLength => C1.Measure(Item1) + C2.Measure(Item2) + C3.Measure(Item3) + C4.Measure(Item4) + (C5.HasTrailer ? sizeof(int) : C5.Measure(Item5));

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => C5.HasTrailer ? C5.Trailer(Item5) : default;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
        C1.Write(ref writer, Item1);
        C2.Write(ref writer, Item2);
        C3.Write(ref writer, Item3);
        C4.Write(ref writer, Item4);
        if (C5.HasTrailer)
        {
            writer.Write(C5.TrailerCount(Item5));
        }
        else
        {
            C5.Write(ref writer, Item5);
        }
    }

    /// <inheritdoc/>
    public static Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5> Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        T4 item4 = C4.Read(ref reader);
        T5 item5 = C5.Read(ref reader);
        return new(item1, item2, item3, item4, item5);
    }
}

/// <summary>The arguments of a contract method of six parameters, in wire order, each with its codec. The last
/// travels as the frame's trailer when its codec can send it from its own memory (<see cref="IWireCodec{T}.HasTrailer"/>):
/// the bytes on the wire are the same, one copy is saved.</summary>
/// <typeparam name="T1">Argument 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Argument 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Argument 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
/// <typeparam name="T4">Argument 4.</typeparam>
/// <typeparam name="C4">Its codec.</typeparam>
/// <typeparam name="T5">Argument 5.</typeparam>
/// <typeparam name="C5">Its codec.</typeparam>
/// <typeparam name="T6">Argument 6.</typeparam>
/// <typeparam name="C6">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6> : IRequest<Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6>>
    where T1 : allows ref struct
    where C1 : IWireCodec<T1>
    where T2 : allows ref struct
    where C2 : IWireCodec<T2>
    where T3 : allows ref struct
    where C3 : IWireCodec<T3>
    where T4 : allows ref struct
    where C4 : IWireCodec<T4>
    where T5 : allows ref struct
    where C5 : IWireCodec<T5>
    where T6 : allows ref struct
    where C6 : IWireCodec<T6>
{
    /// <summary>Argument 1.</summary>
    public readonly T1 Item1;

    /// <summary>Argument 2.</summary>
    public readonly T2 Item2;

    /// <summary>Argument 3.</summary>
    public readonly T3 Item3;

    /// <summary>Argument 4.</summary>
    public readonly T4 Item4;

    /// <summary>Argument 5.</summary>
    public readonly T5 Item5;

    /// <summary>Argument 6.</summary>
    public readonly T6 Item6;

    /// <summary>Holds the arguments.</summary>
    /// <param name="item1">Argument 1.</param>
    /// <param name="item2">Argument 2.</param>
    /// <param name="item3">Argument 3.</param>
    /// <param name="item4">Argument 4.</param>
    /// <param name="item5">Argument 5.</param>
    /// <param name="item6">Argument 6.</param>
    public Arguments(T1 item1, T2 item2, T3 item3, T4 item4, T5 item5, T6 item6)
    {
        Item1 = item1;
        Item2 = item2;
        Item3 = item3;
        Item4 = item4;
        Item5 = item5;
        Item6 = item6;
    }

    /// <inheritdoc/>
    public long InlineLength => C1.Measure(Item1) + C2.Measure(Item2) + C3.Measure(Item3) + C4.Measure(Item4) + C5.Measure(Item5) + (C6.HasTrailer ? sizeof(int) : C6.Measure(Item6));

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => C6.HasTrailer ? C6.Trailer(Item6) : default;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
        C1.Write(ref writer, Item1);
        C2.Write(ref writer, Item2);
        C3.Write(ref writer, Item3);
        C4.Write(ref writer, Item4);
        C5.Write(ref writer, Item5);
        if (C6.HasTrailer)
        {
            writer.Write(C6.TrailerCount(Item6));
        }
        else
        {
            C6.Write(ref writer, Item6);
        }
    }

    /// <inheritdoc/>
    public static Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6> Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        T4 item4 = C4.Read(ref reader);
        T5 item5 = C5.Read(ref reader);
        T6 item6 = C6.Read(ref reader);
        return new(item1, item2, item3, item4, item5, item6);
    }
}

/// <summary>The arguments of a contract method of seven parameters, in wire order, each with its codec. The last
/// travels as the frame's trailer when its codec can send it from its own memory (<see cref="IWireCodec{T}.HasTrailer"/>):
/// the bytes on the wire are the same, one copy is saved.</summary>
/// <typeparam name="T1">Argument 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Argument 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Argument 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
/// <typeparam name="T4">Argument 4.</typeparam>
/// <typeparam name="C4">Its codec.</typeparam>
/// <typeparam name="T5">Argument 5.</typeparam>
/// <typeparam name="C5">Its codec.</typeparam>
/// <typeparam name="T6">Argument 6.</typeparam>
/// <typeparam name="C6">Its codec.</typeparam>
/// <typeparam name="T7">Argument 7.</typeparam>
/// <typeparam name="C7">Its codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7> : IRequest<Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7>>
    where T1 : allows ref struct
    where C1 : IWireCodec<T1>
    where T2 : allows ref struct
    where C2 : IWireCodec<T2>
    where T3 : allows ref struct
    where C3 : IWireCodec<T3>
    where T4 : allows ref struct
    where C4 : IWireCodec<T4>
    where T5 : allows ref struct
    where C5 : IWireCodec<T5>
    where T6 : allows ref struct
    where C6 : IWireCodec<T6>
    where T7 : allows ref struct
    where C7 : IWireCodec<T7>
{
    /// <summary>Argument 1.</summary>
    public readonly T1 Item1;

    /// <summary>Argument 2.</summary>
    public readonly T2 Item2;

    /// <summary>Argument 3.</summary>
    public readonly T3 Item3;

    /// <summary>Argument 4.</summary>
    public readonly T4 Item4;

    /// <summary>Argument 5.</summary>
    public readonly T5 Item5;

    /// <summary>Argument 6.</summary>
    public readonly T6 Item6;

    /// <summary>Argument 7.</summary>
    public readonly T7 Item7;

    /// <summary>Holds the arguments.</summary>
    /// <param name="item1">Argument 1.</param>
    /// <param name="item2">Argument 2.</param>
    /// <param name="item3">Argument 3.</param>
    /// <param name="item4">Argument 4.</param>
    /// <param name="item5">Argument 5.</param>
    /// <param name="item6">Argument 6.</param>
    /// <param name="item7">Argument 7.</param>
    public Arguments(T1 item1, T2 item2, T3 item3, T4 item4, T5 item5, T6 item6, T7 item7)
    {
        Item1 = item1;
        Item2 = item2;
        Item3 = item3;
        Item4 = item4;
        Item5 = item5;
        Item6 = item6;
        Item7 = item7;
    }

    /// <inheritdoc/>
    public long InlineLength => C1.Measure(Item1) + C2.Measure(Item2) + C3.Measure(Item3) + C4.Measure(Item4) + C5.Measure(Item5) + C6.Measure(Item6) + (C7.HasTrailer ? sizeof(int) : C7.Measure(Item7));

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => C7.HasTrailer ? C7.Trailer(Item7) : default;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
        C1.Write(ref writer, Item1);
        C2.Write(ref writer, Item2);
        C3.Write(ref writer, Item3);
        C4.Write(ref writer, Item4);
        C5.Write(ref writer, Item5);
        C6.Write(ref writer, Item6);
        if (C7.HasTrailer)
        {
            writer.Write(C7.TrailerCount(Item7));
        }
        else
        {
            C7.Write(ref writer, Item7);
        }
    }

    /// <inheritdoc/>
    public static Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7> Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        T4 item4 = C4.Read(ref reader);
        T5 item5 = C5.Read(ref reader);
        T6 item6 = C6.Read(ref reader);
        T7 item7 = C7.Read(ref reader);
        return new(item1, item2, item3, item4, item5, item6, item7);
    }
}

/// <summary>The arguments of a contract method of eight parameters or more: the first seven, then the others as
/// <typeparamref name="TRest"/> (an <c>Arguments</c> itself, nested again past fourteen). The wire sees the arguments one
/// after the other; the last of all may be the frame's trailer.</summary>
/// <typeparam name="T1">Argument 1.</typeparam>
/// <typeparam name="C1">Its codec.</typeparam>
/// <typeparam name="T2">Argument 2.</typeparam>
/// <typeparam name="C2">Its codec.</typeparam>
/// <typeparam name="T3">Argument 3.</typeparam>
/// <typeparam name="C3">Its codec.</typeparam>
/// <typeparam name="T4">Argument 4.</typeparam>
/// <typeparam name="C4">Its codec.</typeparam>
/// <typeparam name="T5">Argument 5.</typeparam>
/// <typeparam name="C5">Its codec.</typeparam>
/// <typeparam name="T6">Argument 6.</typeparam>
/// <typeparam name="C6">Its codec.</typeparam>
/// <typeparam name="T7">Argument 7.</typeparam>
/// <typeparam name="C7">Its codec.</typeparam>
/// <typeparam name="TRest">The other arguments.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7, TRest> : IRequest<Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7, TRest>>
    where T1 : allows ref struct
    where C1 : IWireCodec<T1>
    where T2 : allows ref struct
    where C2 : IWireCodec<T2>
    where T3 : allows ref struct
    where C3 : IWireCodec<T3>
    where T4 : allows ref struct
    where C4 : IWireCodec<T4>
    where T5 : allows ref struct
    where C5 : IWireCodec<T5>
    where T6 : allows ref struct
    where C6 : IWireCodec<T6>
    where T7 : allows ref struct
    where C7 : IWireCodec<T7>
    where TRest : IRequest<TRest>, allows ref struct
{
    /// <summary>Argument 1.</summary>
    public readonly T1 Item1;

    /// <summary>Argument 2.</summary>
    public readonly T2 Item2;

    /// <summary>Argument 3.</summary>
    public readonly T3 Item3;

    /// <summary>Argument 4.</summary>
    public readonly T4 Item4;

    /// <summary>Argument 5.</summary>
    public readonly T5 Item5;

    /// <summary>Argument 6.</summary>
    public readonly T6 Item6;

    /// <summary>Argument 7.</summary>
    public readonly T7 Item7;

    /// <summary>The other arguments.</summary>
    public readonly TRest Rest;

    /// <summary>Holds the arguments.</summary>
    /// <param name="item1">Argument 1.</param>
    /// <param name="item2">Argument 2.</param>
    /// <param name="item3">Argument 3.</param>
    /// <param name="item4">Argument 4.</param>
    /// <param name="item5">Argument 5.</param>
    /// <param name="item6">Argument 6.</param>
    /// <param name="item7">Argument 7.</param>
    /// <param name="rest">The other arguments.</param>
    public Arguments(T1 item1, T2 item2, T3 item3, T4 item4, T5 item5, T6 item6, T7 item7, TRest rest)
    {
        Item1 = item1;
        Item2 = item2;
        Item3 = item3;
        Item4 = item4;
        Item5 = item5;
        Item6 = item6;
        Item7 = item7;
        Rest = rest;
    }

    /// <inheritdoc/>
    public long InlineLength => C1.Measure(Item1) + C2.Measure(Item2) + C3.Measure(Item3) + C4.Measure(Item4) + C5.Measure(Item5) + C6.Measure(Item6) + C7.Measure(Item7) + Rest.InlineLength;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Trailer => Rest.Trailer;

    /// <inheritdoc/>
    public void WriteInline(ref WireWriter writer)
    {
        C1.Write(ref writer, Item1);
        C2.Write(ref writer, Item2);
        C3.Write(ref writer, Item3);
        C4.Write(ref writer, Item4);
        C5.Write(ref writer, Item5);
        C6.Write(ref writer, Item6);
        C7.Write(ref writer, Item7);
        Rest.WriteInline(ref writer);
    }

    /// <inheritdoc/>
    public static Arguments<T1, C1, T2, C2, T3, C3, T4, C4, T5, C5, T6, C6, T7, C7, TRest> Read(scoped ref WireReader reader)
    {
        T1 item1 = C1.Read(ref reader);
        T2 item2 = C2.Read(ref reader);
        T3 item3 = C3.Read(ref reader);
        T4 item4 = C4.Read(ref reader);
        T5 item5 = C5.Read(ref reader);
        T6 item6 = C6.Read(ref reader);
        T7 item7 = C7.Read(ref reader);
        TRest rest = TRest.Read(ref reader);
        return new(item1, item2, item3, item4, item5, item6, item7, rest);
    }
}
