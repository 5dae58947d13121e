using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Every operation of a method body, in order, listed once per body and shared by all the rules. The rules look for
/// the reads and writes of a descriptor many times per method (each creating call, each close, each fcntl): walking
/// the operation tree each time cost more than everything else they do.
/// </summary>
internal static class MethodOperations
{
    private static readonly ConditionalWeakTable<IOperation, Listing> Listings = new();

    /// <summary>The descendants of <paramref name="body"/> (not itself), in the order <c>Descendants()</c> gives them.</summary>
    public static IOperation[] Of(IOperation body) => Listings.GetValue(body, static b => new Listing(b)).Operations;

    private sealed class Listing(IOperation body)
    {
        public IOperation[] Operations { get; } = new List<IOperation>(body.Descendants()).ToArray();
    }
}
