namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>What a call SPG0011 follows creates (<see cref="DisposableCreators"/>).</summary>
/// <param name="What">What the message names: <c>SocketPair</c>, <c>IFoo.Client</c>, <c>SafeFileHandle (the result of 'IFoo.Open')</c>...</param>
/// <param name="Kind">How the uses of the local that holds it are read.</param>
/// <param name="Awaited">The call returns a task of it: only an awaited call is followed, and the await's value is the result.</param>
internal sealed record Creation(string What, Created Kind, bool Awaited = false)
{
    /// <summary>How each end of a deconstructed pair is followed; null when the result is no pair.</summary>
    public Created? Ends => Kind switch
    {
        Created.SocketPair => Created.Owner,
        Created.ChannelEnds => Created.Handle,
        _ => null,
    };
}

/// <summary>The kinds of result SPG0011 follows, each with its own reading of what a use does.</summary>
internal enum Created
{
    /// <summary>
    /// An object of SocketPairGen that owns descriptors (<c>ChildProcess</c>, a generated <c>Client</c>, the inherited
    /// <c>Socket</c>): any call or property on it leaves it with the method, but for <c>Dispose</c>.
    /// </summary>
    Owner,

    /// <summary>A <c>SocketPair</c>: an end (<c>First</c>, <c>Second</c>) going anywhere but a call or property on it releases the pair.</summary>
    SocketPair,

    /// <summary>
    /// The tuple <c>ChannelEnd&lt;T&gt;.CreatePair()</c> returns: an end going anywhere a descriptor does not surely
    /// stay (<see cref="ReceivedHandleUses"/>) releases the pair.
    /// </summary>
    ChannelEnds,

    /// <summary>
    /// A descriptor a channel hands over (<c>SafeFileHandle</c>, <c>Socket</c>, <c>SafeSocketHandle</c>,
    /// <c>ChannelEnd&lt;T&gt;</c>): read as SPG0013 reads a received one (<see cref="ReceivedHandleUses"/>), so a call
    /// that may hand over what it holds (<c>TakeSocket()</c>, <c>SetHandleAsInvalid()</c>) releases it, and a null test
    /// sends nothing down its null side.
    /// </summary>
    Handle,
}
