namespace SocketPairGen.Channels;

public sealed partial class ChannelServer
{
    /// <summary>
    /// The state of a running call. Pooled: <see cref="Stamp"/> changes with every use, so a stale
    /// <see cref="ServerCall"/> handle (kept past its reply) is told apart from the current use even when the client
    /// reuses the call id. Fields are read and written under <see cref="_lock"/>, except the ids, which are fixed
    /// while the call runs.
    /// </summary>
    internal sealed class InFlightCall
    {
        public uint CallId { get; private set; }

        public ushort MethodId { get; private set; }

        /// <summary>The request's payload length, counted against the request window until the call is answered.</summary>
        public int PayloadLength { get; private set; }

        /// <summary>Which use of this object a handle belongs to.</summary>
        public uint Stamp { get; private set; }

        /// <summary>The call's reply has been claimed (the call stays answered while it sits in the pool).</summary>
        public bool Answered { get; set; }

        public CancellationTokenSource? TokenSource { get; set; }

        /// <summary>The client cancelled the call or serving ended: its token source is fired outside the lock (a
        /// token asked for afterwards starts cancelled).</summary>
        public bool CancelRequested { get; set; }

        /// <summary>The dispatcher has read the call's arguments: an exception from here on is the implementation's,
        /// replied to the caller, even a <see cref="ChannelProtocolException"/> (from a channel of its own).</summary>
        public bool ArgumentsRead { get; set; }

        /// <summary>An argument points into the request's payload, which must outlive the call if it does not end
        /// during its dispatch.</summary>
        public bool ArgumentsPointIntoPayload { get; set; }

        /// <summary>The descriptors that came with the request, until its arguments own them.</summary>
        public Descriptors.ReceivedDescriptors? Descriptors { get; set; }

        public void Start(uint callId, ushort methodId, int payloadLength)
        {
            CallId = callId;
            MethodId = methodId;
            PayloadLength = payloadLength;
            Stamp++;
            Answered = false;
            TokenSource = null;
            CancelRequested = false;
            ArgumentsRead = false;
            ArgumentsPointIntoPayload = false;
        }
    }
}
