using System.Net.Sockets;
using SocketPairGen.Channels;
using SocketPairGen.TestContracts;
using SocketPairGen.Wire;

namespace SocketPairGen.Tests.Channels.Descriptors;

/// <summary>
/// One side of an <see cref="IHandles"/> channel driven by hand, to send what an honest peer never would: descriptors
/// of the wrong kind, more than a method carries, payloads that name them out of order. The other side is the real
/// generated server (<see cref="StartServer"/>) or client (<see cref="StartClient"/>), in this process, so the
/// descriptors it receives are this process's and a test can look for them in <c>/proc/self/fd</c>.
/// </summary>
internal sealed class HostileDescriptorPeer : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private HostileDescriptorPeer(RawPeer peer, Task? server, IHandles.Client? client)
    {
        Peer = peer;
        Server = server;
        Client = client;
    }

    public RawPeer Peer { get; }

    /// <summary>The real server, when the hostile side is the client.</summary>
    public Task? Server { get; }

    /// <summary>The real client, when the hostile side is the server.</summary>
    public IHandles.Client? Client { get; }

    public static HostileDescriptorPeer StartServer()
    {
        (Socket hostile, Socket serverEnd) = SocketPair.Create();
        Task server = IHandles.ServeAsync(serverEnd, new TestContracts.Handles());
        var peer = new RawPeer(hostile);
        peer.SendHello(IHandles.Client.Contract, Hello.ClientRole);
        Assert.Equal(FrameKind.Hello, peer.ReadFrame()!.Value.Header.Kind);
        return new HostileDescriptorPeer(peer, server, null);
    }

    public static HostileDescriptorPeer StartClient()
    {
        (Socket hostile, Socket clientEnd) = SocketPair.Create();
        var peer = new RawPeer(hostile);
        peer.SendHello(IHandles.Client.Contract, Hello.ServerRole);
        IHandles.Client client = IHandles.Connect(clientEnd);
        return new HostileDescriptorPeer(peer, null, client);
    }

    /// <summary>The wire id of an <see cref="IHandles"/> method.</summary>
    public static ushort MethodId(string name) => (ushort)IHandles.Client.Contract.MethodNames!.ToList().IndexOf(name);

    /// <summary>A frame whose header announces <paramref name="descriptors"/> descriptors, its payload made of 4-byte integers.</summary>
    public static byte[] Frame(FrameKind kind, ushort methodId, uint callId, int descriptors, params int[] payload) =>
        Frame(kind, methodId, callId, descriptors, [.. payload.SelectMany(BitConverter.GetBytes)]);

    /// <summary>A frame whose header announces <paramref name="descriptors"/> descriptors.</summary>
    public static byte[] Frame(FrameKind kind, ushort methodId, uint callId, int descriptors, byte[] bytes)
    {
        byte[] frame = new byte[FrameHeader.Size + bytes.Length];
        new FrameHeader(bytes.Length, kind, methodId, callId) { Descriptors = descriptors }.Write(frame);
        bytes.CopyTo(frame.AsSpan(FrameHeader.Size));
        return frame;
    }

    /// <summary>Sends <paramref name="frame"/> with <paramref name="descriptors"/> attached to its first byte.</summary>
    public void Send(byte[] frame, params int[] descriptors) => DescriptorSender.Send(Peer.Socket, frame, descriptors);

    /// <summary>Reads the next request the real client sent.</summary>
    public FrameHeader ReadRequest()
    {
        (FrameHeader header, _) = Peer.ReadFrame() ?? throw new InvalidOperationException("The client closed the channel.");
        if (header.Kind == FrameKind.Hello)
        {
            (header, _) = Peer.ReadFrame() ?? throw new InvalidOperationException("The client closed the channel.");
        }

        Assert.Equal(FrameKind.Request, header.Kind);
        return header;
    }

    public void Dispose()
    {
        Client?.Dispose();
        Peer.Dispose();
    }
}

/// <summary>The descriptors of this process that refer to one file or socket, by their /proc link target.</summary>
internal static class OpenCopies
{
    public static string TargetOf(System.Runtime.InteropServices.SafeHandle handle) =>
        new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget!;

    public static int[] Of(string target)
    {
        var copies = new List<int>();
        foreach (string entry in Directory.GetFiles("/proc/self/fd"))
        {
            string? linked = null;
            try
            {
                linked = new FileInfo(entry).LinkTarget;
            }
            catch (IOException)
            {
                // Closed while we looked.
            }

            if (linked == target)
            {
                copies.Add(int.Parse(Path.GetFileName(entry), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return [.. copies.Order()];
    }

    /// <summary>Asserts that only <paramref name="expected"/> refer to <paramref name="target"/>. No waiting: a copy
    /// left open would be closed only by a finalizer, later, and waiting could let one run.</summary>
    public static void AssertOnly(string target, params int[] expected) => Assert.Equal(expected, Of(target));

    /// <summary>As <see cref="AssertOnly"/>, for a copy that another thread closes right after it failed the call the
    /// test waited for (a client's reader): waits a moment, not long enough to hide a copy left to a finalizer.</summary>
    public static void AssertOnlySoon(string target, params int[] expected)
    {
        for (int i = 0; i < 10 && !Of(target).SequenceEqual(expected); i++)
        {
            Thread.Sleep(10);
        }

        Assert.Equal(expected, Of(target));
    }
}
