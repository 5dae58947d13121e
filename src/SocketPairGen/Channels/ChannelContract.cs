using System.ComponentModel;
using System.Globalization;

namespace SocketPairGen.Channels;

/// <summary>
/// Identifies a contract on the wire: its name and its fingerprint. Both sides send them in the handshake; a
/// peer with another fingerprint was built from a different contract and nothing it sends is decoded.
/// Generated code creates one instance per <c>[SocketPairChannel]</c> interface.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ChannelContract
{
    /// <summary>The longest contract name the handshake carries, in UTF-8 bytes.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>Creates a contract identity.</summary>
    /// <param name="name">The contract's name, usually the interface's full name.</param>
    /// <param name="fingerprint">A hash of everything a peer needs to agree on to decode the same bytes the same way.</param>
    /// <param name="methodCount">How many methods the contract has; requests for other method ids are protocol errors.</param>
    public ChannelContract(string name, UInt128 fingerprint, int methodCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(System.Text.Encoding.UTF8.GetByteCount(name), MaxNameLength, nameof(name));
        ArgumentOutOfRangeException.ThrowIfNegative(methodCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(methodCount, ushort.MaxValue + 1);
        Name = name;
        Fingerprint = fingerprint;
        MethodCount = methodCount;
    }

    /// <summary>Creates a contract identity that knows its methods' names, for error messages.</summary>
    /// <param name="name">The contract's name, usually the interface's full name.</param>
    /// <param name="fingerprint">A hash of everything a peer needs to agree on to decode the same bytes the same way.</param>
    /// <param name="methodNames">The methods' names, by method id; requests for other method ids are protocol errors.</param>
    public ChannelContract(string name, UInt128 fingerprint, string[] methodNames)
        : this(name, fingerprint, methodNames?.Length ?? throw new ArgumentNullException(nameof(methodNames)))
    {
        MethodNames = methodNames;
    }

    /// <summary>Creates a contract identity whose methods carry descriptors: how many each request and each reply may
    /// carry, by method id (a frame with more is a protocol error, every descriptor it brought closed).</summary>
    /// <param name="name">The contract's name, usually the interface's full name.</param>
    /// <param name="fingerprint">A hash of everything a peer needs to agree on to decode the same bytes the same way.</param>
    /// <param name="methodNames">The methods' names, by method id.</param>
    /// <param name="requestDescriptors">The most descriptors each method's request may carry, by method id.</param>
    /// <param name="replyDescriptors">The most descriptors each method's reply may carry, by method id.</param>
    public ChannelContract(string name, UInt128 fingerprint, string[] methodNames, byte[] requestDescriptors, byte[] replyDescriptors)
        : this(name, fingerprint, methodNames)
    {
        ArgumentNullException.ThrowIfNull(requestDescriptors);
        ArgumentNullException.ThrowIfNull(replyDescriptors);
        if (requestDescriptors.Length != MethodCount || replyDescriptors.Length != MethodCount)
        {
            throw new ArgumentException($"The descriptor limits must name each of the contract's {MethodCount} methods.");
        }

        foreach (byte limit in requestDescriptors.Concat(replyDescriptors))
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, Wire.FrameHeader.MaxDescriptors, nameof(requestDescriptors));
        }

        _requestDescriptors = requestDescriptors;
        _replyDescriptors = replyDescriptors;
        MaxRequestDescriptors = requestDescriptors.Length == 0 ? 0 : requestDescriptors.Max();
        MaxReplyDescriptors = replyDescriptors.Length == 0 ? 0 : replyDescriptors.Max();
    }

    private readonly byte[]? _requestDescriptors;
    private readonly byte[]? _replyDescriptors;

    /// <summary>The most descriptors any request of this contract may carry (0 for most contracts).</summary>
    internal int MaxRequestDescriptors { get; }

    /// <summary>The most descriptors any reply of this contract may carry (0 for most contracts).</summary>
    internal int MaxReplyDescriptors { get; }

    /// <summary>The most descriptors a request of <paramref name="methodId"/> may carry.</summary>
    internal int RequestDescriptors(int methodId) => Limit(_requestDescriptors, methodId);

    /// <summary>The most descriptors a reply of <paramref name="methodId"/> may carry.</summary>
    internal int ReplyDescriptors(int methodId) => Limit(_replyDescriptors, methodId);

    private static int Limit(byte[]? limits, int methodId) => limits is not null && (uint)methodId < (uint)limits.Length ? limits[methodId] : 0;

    /// <summary>The contract's name.</summary>
    public string Name { get; }

    /// <summary>The contract's fingerprint.</summary>
    public UInt128 Fingerprint { get; }

    /// <summary>How many methods the contract has (method ids run from 0 to <c>MethodCount - 1</c>).</summary>
    public int MethodCount { get; }

    /// <summary>The methods' names by method id, when the contract was created with them.</summary>
    internal IReadOnlyList<string>? MethodNames { get; }

    /// <summary>The name and the fingerprint in hexadecimal, as error messages show them.</summary>
    public override string ToString() => Describe(Name, Fingerprint);

    internal static string Describe(string name, UInt128 fingerprint) =>
        $"'{name}' (fingerprint {fingerprint.ToString("x32", CultureInfo.InvariantCulture)})";
}
