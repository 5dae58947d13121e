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
/// parse (the root and everything it reaches), which is the set it walks. What a carried contract's fingerprint says
/// depends only on which of the contracts it can reach are being fingerprinted meanwhile, so it is computed once for
/// each of those sets, not once per path that leads to it (contracts that all carry each other have factorially many).
/// </remarks>
internal sealed class CarriedContracts
{
    private readonly Compilation _compilation;
    private readonly KnownTypes _known;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<INamedTypeSymbol> _visiting = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, int> _numbers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, HashSet<INamedTypeSymbol>> _reachable = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(int Contract, string Cycles), string?> _fingerprints = [];

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
        if (!IsContract(contract))
        {
            return null;
        }

        if (_visiting.Contains(contract))
        {
            return "cycle:" + TypeNames.Plain(contract);
        }

        // The contracts being fingerprinted that this one can reach: they, and only they, stand as cycles in it.
        HashSet<INamedTypeSymbol> reachable = Reachable(contract);
        var key = (Number(contract), string.Join(",", _visiting.Where(reachable.Contains).Select(Number).OrderBy(n => n)));
        if (!_fingerprints.TryGetValue(key, out string? fingerprint))
        {
            Model.ContractSpec? spec = ContractParser.Parse(contract, _compilation, new ProblemCounter(), _cancellationToken, _known, this);
            fingerprint = spec is null
                ? null
                : spec.FingerprintUpper.ToString("x16", CultureInfo.InvariantCulture) + spec.FingerprintLower.ToString("x16", CultureInfo.InvariantCulture);
            _fingerprints[key] = fingerprint;
        }

        return fingerprint;
    }

    private bool IsContract(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && type.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, _known.SocketPairChannelAttribute));

    private int Number(INamedTypeSymbol contract)
    {
        if (!_numbers.TryGetValue(contract, out int number))
        {
            number = _numbers.Count;
            _numbers.Add(contract, number);
        }

        return number;
    }

    /// <summary>The contracts whose ends <paramref name="contract"/> carries, theirs, and so on: every contract its
    /// fingerprint can meet (more, if anything: every channel end in any member's signature counts).</summary>
    private HashSet<INamedTypeSymbol> Reachable(INamedTypeSymbol contract)
    {
        if (_reachable.TryGetValue(contract, out HashSet<INamedTypeSymbol>? reachable))
        {
            return reachable;
        }

        reachable = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<INamedTypeSymbol>([contract]);
        while (pending.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            foreach (IMethodSymbol method in pending.Pop().GetMembers().OfType<IMethodSymbol>())
            {
                foreach (ITypeSymbol signatureType in method.Parameters.Select(p => p.Type).Append(method.ReturnType))
                {
                    foreach (INamedTypeSymbol carried in CarriedIn(signatureType))
                    {
                        if (reachable.Add(carried))
                        {
                            pending.Push(carried);
                        }
                    }
                }
            }
        }

        _reachable.Add(contract, reachable);
        return reachable;
    }

    /// <summary>The contracts of the channel ends in <paramref name="type"/>, however deep (a task of an array of them).</summary>
    private IEnumerable<INamedTypeSymbol> CarriedIn(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => CarriedIn(array.ElementType),
        INamedTypeSymbol { IsGenericType: true } named => named.TypeArguments.SelectMany(CarriedIn).Concat(
            KnownTypes.IsConstructedFrom(named, _known.ChannelEnd)
                && named.TypeArguments[0].WithNullableAnnotation(NullableAnnotation.None) is INamedTypeSymbol carried
                && IsContract(carried)
                ? [carried]
                : []),
        _ => [],
    };
}
