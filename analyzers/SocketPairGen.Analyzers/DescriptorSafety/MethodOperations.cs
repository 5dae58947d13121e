using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Every operation of a method body, in order, listed once per body and shared by all the rules, with the operations
/// that may read or write each variable. The rules look for the reads and writes of a descriptor many times per
/// method (each creating call, each close, each fcntl): walking the whole operation tree for each made the cost grow
/// with the square of the method's size, and it cost more than everything else they do.
/// </summary>
internal static class MethodOperations
{
    private static readonly ConditionalWeakTable<IOperation, Listing> Listings = new();

    /// <summary>The descendants of <paramref name="body"/> (not itself), in the order <c>Descendants()</c> gives them.</summary>
    public static IOperation[] Of(IOperation body) => ListingOf(body).Operations;

    /// <summary>
    /// The operations of <paramref name="body"/> that may write <paramref name="variable"/> (a declarator, an assignment,
    /// an argument, an address taken...), in order: a superset of the writes, each still to be judged by the caller.
    /// </summary>
    public static IReadOnlyList<IOperation> MayWrite(IOperation body, ISymbol variable) => ListingOf(body).MayWrite(variable);

    /// <summary>The reads of places (locals, elements by constant index) in <paramref name="body"/> whose place is <paramref name="place"/>, in order.</summary>
    public static IReadOnlyList<IOperation> ReadsOf(IOperation body, DescriptorPlace place) => ListingOf(body).ReadsOf(place);

    /// <summary>The references to locals, parameters and fields in <paramref name="body"/> whose variable is <paramref name="variable"/>, in order.</summary>
    public static IReadOnlyList<IOperation> WholeReferencesTo(IOperation body, ISymbol variable) => ListingOf(body).WholeReferencesTo(variable);

    /// <summary>The declarators of <paramref name="local"/> and the references to it in <paramref name="body"/>, in order.</summary>
    public static IReadOnlyList<IOperation> MentionsOf(IOperation body, ILocalSymbol local) => ListingOf(body).MentionsOf(local);

    private static Listing ListingOf(IOperation body) => Listings.GetValue(body, static b => new Listing(b));

    private sealed class Listing(IOperation body)
    {
        private static readonly IOperation[] None = [];

        private WriteIndex? _writes;
        private Dictionary<DescriptorPlace, List<IOperation>>? _reads;
        private Dictionary<ISymbol, List<IOperation>>? _wholes;
        private Dictionary<ISymbol, List<IOperation>>? _mentions;

        public IOperation[] Operations { get; } = new List<IOperation>(body.Descendants()).ToArray();

        public IReadOnlyList<IOperation> MayWrite(ISymbol variable)
        {
            (Dictionary<ISymbol, List<IOperation>> writes, List<IOperation> unknown) = LazyInitializer.EnsureInitialized(ref _writes, IndexWrites)!;
            writes.TryGetValue(variable, out List<IOperation>? known);
            if (unknown.Count == 0)
            {
                return (IReadOnlyList<IOperation>?)known ?? None;
            }

            // Keep the body's order: the callers take the first write, or the only one.
            var wanted = new HashSet<IOperation>(unknown);
            wanted.UnionWith(known ?? (IEnumerable<IOperation>)None);
            var merged = new List<IOperation>(wanted.Count);
            foreach (IOperation operation in Operations)
            {
                if (wanted.Contains(operation))
                {
                    merged.Add(operation);
                }
            }

            return merged;
        }

        public IReadOnlyList<IOperation> ReadsOf(DescriptorPlace place)
        {
            Dictionary<DescriptorPlace, List<IOperation>> reads = LazyInitializer.EnsureInitialized(ref _reads, IndexReads)!;
            return reads.TryGetValue(place, out List<IOperation>? found) ? found : None;
        }

        public IReadOnlyList<IOperation> WholeReferencesTo(ISymbol variable)
        {
            Dictionary<ISymbol, List<IOperation>> wholes = LazyInitializer.EnsureInitialized(ref _wholes, IndexWholes)!;
            return wholes.TryGetValue(variable, out List<IOperation>? found) ? found : None;
        }

        public IReadOnlyList<IOperation> MentionsOf(ILocalSymbol local)
        {
            Dictionary<ISymbol, List<IOperation>> mentions = LazyInitializer.EnsureInitialized(ref _mentions, IndexMentions)!;
            return mentions.TryGetValue(local, out List<IOperation>? found) ? found : None;
        }

        private Dictionary<ISymbol, List<IOperation>> IndexMentions()
        {
            var index = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            foreach (IOperation operation in Operations)
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        Add(index, declarator.Symbol, operation);
                        break;
                    case ILocalReferenceOperation reference:
                        Add(index, reference.Local, operation);
                        break;
                }
            }

            return index;
        }

        private WriteIndex IndexWrites()
        {
            var index = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            var unknown = new List<IOperation>();
            var variables = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (IOperation operation in Operations)
            {
                IOperation? touched = operation switch
                {
                    IVariableDeclaratorOperation => operation,
                    ISimpleAssignmentOperation assignment => assignment.Target,
                    ICompoundAssignmentOperation compound => compound.Target,
                    IIncrementOrDecrementOperation increment => increment.Target,
                    IArgumentOperation argument => argument.Value,
                    IAddressOfOperation address => address.Reference,
                    IDeconstructionAssignmentOperation deconstruction => deconstruction.Target,
                    _ => null,
                };
                if (touched is null)
                {
                    continue;
                }

                if (operation is IArgumentOperation { Parameter.RefKind: not (RefKind.Ref or RefKind.Out) } byValue)
                {
                    // Passed by value, an argument writes only the elements of an array or pointer handed whole.
                    if (DescriptorPlace.Variable(byValue.Value) is { } handed)
                    {
                        Add(index, handed, operation);
                    }

                    continue;
                }

                variables.Clear();
                if (operation is IVariableDeclaratorOperation declarator)
                {
                    variables.Add(declarator.Symbol);
                }
                else if (!VariablesIn(touched, variables))
                {
                    unknown.Add(operation);
                    continue;
                }

                foreach (ISymbol variable in variables)
                {
                    Add(index, variable, operation);
                }
            }

            return new WriteIndex(index, unknown);
        }

        private Dictionary<DescriptorPlace, List<IOperation>> IndexReads()
        {
            var index = new Dictionary<DescriptorPlace, List<IOperation>>();
            foreach (IOperation operation in Operations)
            {
                if (operation is ILocalReferenceOperation or IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true }
                        or { Kind: OperationKind.None, Syntax: ElementAccessExpressionSyntax }
                    && DescriptorPlace.Of(operation) is { } place)
                {
                    Add(index, place, operation);
                }
            }

            return index;
        }

        private Dictionary<ISymbol, List<IOperation>> IndexWholes()
        {
            var index = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            foreach (IOperation operation in Operations)
            {
                if (operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
                    && DescriptorPlace.Variable(operation) is { } variable)
                {
                    Add(index, variable, operation);
                }
            }

            return index;
        }

        /// <summary>
        /// Adds every variable <paramref name="touched"/> refers to, as itself and as the array a pinned pointer stands
        /// for; false when a part of it names a variable another way (a pointer element without an operation).
        /// </summary>
        private static bool VariablesIn(IOperation touched, HashSet<ISymbol> variables)
        {
            foreach (IOperation part in touched.DescendantsAndSelf())
            {
                switch (part)
                {
                    case ILocalReferenceOperation local:
                        variables.Add(local.Local);
                        if (DescriptorPlace.Variable(local) is { } pinned)
                        {
                            variables.Add(pinned);
                        }

                        break;
                    case IParameterReferenceOperation parameter:
                        variables.Add(parameter.Parameter);
                        break;
                    case IFieldReferenceOperation field:
                        variables.Add(field.Field);
                        break;
                    case { Kind: OperationKind.None, Syntax: ElementAccessExpressionSyntax }:
                        return false;
                }
            }

            return true;
        }

        /// <summary>The operations that may write each variable, and those whose variable is not known (a pointer's
        /// element without an operation of its own), which may write any.</summary>
        private sealed record WriteIndex(Dictionary<ISymbol, List<IOperation>> ByVariable, List<IOperation> Unknown);

        private static void Add<TKey>(Dictionary<TKey, List<IOperation>> index, TKey key, IOperation operation)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out List<IOperation>? list))
            {
                index[key] = list = [];
            }

            list.Add(operation);
        }
    }
}
