namespace SocketPairGen;

/// <summary>
/// Marks a <c>partial interface</c> as a channel contract. At compile time SocketPairGen adds to it
/// <c>Connect(Socket, ChannelOptions?)</c>, which returns the generated client proxy <c>Client</c>, and
/// <c>ServeAsync(Socket, TInterface, ChannelOptions?, CancellationToken)</c>, which serves an implementation.
/// </summary>
/// <remarks>
/// Methods may be synchronous (a blocking round trip), return <c>void</c>, <see cref="Task"/>,
/// <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>, and take a
/// <see cref="CancellationToken"/> as their last parameter. Parameters and results travel as their bytes:
/// primitives, <see cref="bool"/>, enums, <see cref="decimal"/>, <see cref="Guid"/>, <see cref="DateTime"/>,
/// <see cref="TimeSpan"/>, nullable values, value tuples and unmanaged structs of these; <see cref="string"/>
/// as UTF-8; arrays, memories and spans of unmanaged values as one block.
/// </remarks>
[AttributeUsage(AttributeTargets.Interface, Inherited = false, AllowMultiple = false)]
public sealed class SocketPairChannelAttribute : Attribute
{
}
