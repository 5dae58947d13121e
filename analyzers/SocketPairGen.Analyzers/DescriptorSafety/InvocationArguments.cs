using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>Arguments by parameter position, so a named or reordered argument is found where it belongs.</summary>
internal static class InvocationArguments
{
    /// <summary>
    /// The value passed for libc's parameter at <paramref name="ordinal"/> (where the binding puts it, see
    /// <see cref="LibcCall.ParameterOrdinal"/>), or null when there is none.
    /// </summary>
    public static IOperation? ValueOf(IInvocationOperation invocation, int ordinal) => LibcCall.Argument(invocation, ordinal)?.Value;
}
