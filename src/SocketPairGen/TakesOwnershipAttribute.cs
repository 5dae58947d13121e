namespace SocketPairGen;

/// <summary>
/// Marks a parameter through which a method adopts a raw descriptor (an <see cref="int"/> or <see cref="nint"/>):
/// after the call the method owns it and closes it. The descriptor-leak analyzers treat passing a descriptor to
/// such a parameter like handing it to a <c>SafeHandle</c> that owns it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = true, AllowMultiple = false)]
public sealed class TakesOwnershipAttribute : Attribute
{
}
