using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// The contracts whose channel ends a contract carries (<c>ChannelEnd&lt;IOther&gt;</c>): the carrying contract's
/// fingerprint covers each one's fingerprint, so a change to the carried contract changes the carrier's too and
/// peers built from different versions fail at the handshake, not on the new channel.
/// </summary>
/// <remarks>
/// A contract may carry its own ends, or ends of a contract that carries its ends back. A contract met again while it
/// is being fingerprinted stands as <c>cycle:Name</c>; every other one as its fingerprint. One instance serves one
/// parse (the root and everything it reaches), which is the set it walks.
/// </remarks>
internal sealed class CarriedContracts
{
    private readonly Compilation _compilation;
    private readonly KnownTypes _known;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<INamedTypeSymbol> _visiting = new(SymbolEqualityComparer.Default);

    public CarriedContracts(Compilation compilation, KnownTypes known, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _known = known;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Marks <paramref name="contract"/> as being parsed; returns false when it already was (a cycle).</summary>
    public bool Enter(INamedTypeSymbol contract) => _visiting.Add(contract);

    /// <summary>Ends <see cref="Enter"/>.</summary>
    public void Leave(INamedTypeSymbol contract) => _visiting.Remove(contract);

    /// <summary>What the fingerprint says of a carried contract, or null when <paramref name="type"/> is not a
    /// contract whose ends can be carried (not a <c>[SocketPairChannel]</c> interface, or one with problems).</summary>
    public string? Fingerprint(INamedTypeSymbol type)
    {
        INamedTypeSymbol contract = (INamedTypeSymbol)type.WithNullableAnnotation(NullableAnnotation.None);
        if (contract.TypeKind != TypeKind.Interface
            || !contract.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, _known.SocketPairChannelAttribute)))
        {
            return null;
        }

        if (_visiting.Contains(contract))
        {
            return "cycle:" + TypeNames.Plain(contract);
        }

        Model.ContractSpec? spec = ContractParser.Parse(contract, _compilation, new ProblemCounter(), _cancellationToken, _known, this);
        return spec is null
            ? null
            : spec.FingerprintUpper.ToString("x16", CultureInfo.InvariantCulture) + spec.FingerprintLower.ToString("x16", CultureInfo.InvariantCulture);
    }
}
