using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>Arguments by parameter position, so a named or reordered argument is found where it belongs.</summary>
internal static class InvocationArguments
{
    /// <summary>The value passed for the parameter at <paramref name="ordinal"/>, or null when there is none.</summary>
    public static IOperation? ValueOf(IInvocationOperation invocation, int ordinal)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
