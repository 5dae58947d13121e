namespace SocketPairGen;

/// <summary>
/// Declares the most descriptors an array of handles may hold when it crosses a channel (a parameter or a result of
/// type <c>SafeFileHandle[]</c>, <c>Socket[]</c>, <c>SafeSocketHandle[]</c> or <c>ChannelEnd&lt;T&gt;[]</c>). The
/// generator adds it to what the method's request (or reply) may carry; the receiver refuses a frame with more. Every
/// such array in a <see cref="SocketPairChannelAttribute">contract</see> needs one (rule SPG0111).
/// </summary>
/// <remarks>A frame carries at most 253 descriptors, the kernel's limit for one message (<c>SCM_MAX_FD</c>): the
/// single handles and the declared maxima of one method's parameters, or of its result, must fit in that. Both sides
/// check the method's total, not each array: an array may hold more than its maximum when the method's other handles
/// leave room for it.</remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue, Inherited = true, AllowMultiple = false)]
public sealed class MaxDescriptorsAttribute : Attribute
{
    /// <summary>Declares the maximum.</summary>
    /// <param name="maximum">How many descriptors the array may hold, 1 to 253.</param>
    public MaxDescriptorsAttribute(int maximum) => Maximum = maximum;

    /// <summary>How many descriptors the array may hold.</summary>
    public int Maximum { get; }
}
