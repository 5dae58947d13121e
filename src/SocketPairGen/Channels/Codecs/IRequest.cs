using System.ComponentModel;

namespace SocketPairGen.Channels.Codecs;

/// <summary>
/// The arguments of one contract method, as a request's payload: generated code names an
/// <see cref="Arguments{T1, C1}"/> (or one of its siblings) for each method that has arguments. The client writes it
/// (<see cref="IFramePayload"/>); the server reads it back (<see cref="Read"/>) through
/// <see cref="ServerCall.ReadArguments{TRequest}"/> and calls the implementation with its fields.
/// </summary>
/// <typeparam name="TSelf">The request type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRequest<TSelf> : IFramePayload
    where TSelf : IRequest<TSelf>, allows ref struct
{
    /// <summary>Reads and validates the arguments, in the order the client wrote them.</summary>
    /// <param name="reader">The request's payload.</param>
    static abstract TSelf Read(scoped ref WireReader reader);
}
