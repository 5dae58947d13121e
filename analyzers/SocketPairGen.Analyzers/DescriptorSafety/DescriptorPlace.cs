using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// Where a descriptor is kept: a local, a field of this instance or a static one, or one element (by constant index)
/// of an array, span or pointer held in a local, field or parameter (a pointer a <c>fixed</c> statement pins stands for
/// the array it pins). The rules follow a descriptor only through such places, and only within one method.
/// </summary>
/// <param name="Symbol">The local, field or parameter.</param>
/// <param name="Index">The element, or null for the variable itself.</param>
internal readonly record struct DescriptorPlace(ISymbol Symbol, long? Index)
{
    /// <summary>The place <paramref name="operation"/> reads or writes, when it is one the rules can follow.</summary>
    public static DescriptorPlace? Of(IOperation? operation)
    {
        operation = Unwrap(operation);
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return new DescriptorPlace(local.Local, null);
            case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                return new DescriptorPlace(field.Field, null);
            case IArrayElementReferenceOperation { Indices.Length: 1 } element
                when Variable(element.ArrayReference) is { } array && ConstantValues.Of(element.Indices[0]) is long index:
                return new DescriptorPlace(array, index);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } element
                when IsSpan(element.Instance?.Type) && Variable(element.Instance) is { } span && ConstantValues.Of(element.Arguments[0].Value) is long spanIndex:
                return new DescriptorPlace(span, spanIndex);
            case { Kind: OperationKind.None, Syntax: ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access, SemanticModel: { } model }:
                // A pointer element (fds[0] of an int*) has no IOperation of its own.
                ISymbol? pointer = model.GetSymbolInfo(access.Expression).Symbol;
                object? constant = model.GetConstantValue(access.ArgumentList.Arguments[0].Expression).Value;
                return pointer is ILocalSymbol or IFieldSymbol or IParameterSymbol && constant is int pointerIndex
                    ? new DescriptorPlace(Pinned(pointer, model), pointerIndex)
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The local, field or parameter <paramref name="operation"/> reads as a whole (an array or a pointer).</summary>
    public static ISymbol? Variable(IOperation? operation) => Unwrap(operation) switch
    {
        ILocalReferenceOperation { SemanticModel: { } model } local => Pinned(local.Local, model),
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>Whether <paramref name="operation"/> is an element of <paramref name="symbol"/>, whatever the index.</summary>
    public static bool IsElementOf(IOperation? operation, ISymbol symbol) => Unwrap(operation) switch
    {
        IArrayElementReferenceOperation element => SymbolEqualityComparer.Default.Equals(Variable(element.ArrayReference), symbol),
        IPropertyReferenceOperation { Property.IsIndexer: true } element when IsSpan(element.Instance?.Type) =>
            SymbolEqualityComparer.Default.Equals(Variable(element.Instance), symbol),
        { Kind: OperationKind.None, Syntax: ElementAccessExpressionSyntax access, SemanticModel: { } model } =>
            model.GetSymbolInfo(access.Expression).Symbol is { } pointer && SymbolEqualityComparer.Default.Equals(Pinned(pointer, model), symbol),
        _ => false,
    };

    /// <summary>
    /// The array or span a <c>fixed</c> statement pins into <paramref name="variable"/> (<c>fixed (int* p = fds)</c>):
    /// <c>p[0]</c> is <c>fds[0]</c>. Any other variable is itself.
    /// </summary>
    public static ISymbol Pinned(ISymbol variable, SemanticModel model)
    {
        if (variable is not ILocalSymbol { Type: IPointerTypeSymbol } local
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax
            {
                Parent: VariableDeclarationSyntax { Parent: FixedStatementSyntax },
                Initializer.Value: IdentifierNameSyntax pinned,
            }
            || pinned.SyntaxTree != model.SyntaxTree)
        {
            return variable;
        }

        return model.GetSymbolInfo(pinned).Symbol is ILocalSymbol { IsRef: false } array && (array.Type is IArrayTypeSymbol || IsSpan(array.Type))
            ? array
            : variable;
    }

    /// <summary>Whether <paramref name="whole"/> is the array or span a <c>fixed</c> statement pins into a pointer standing for it.</summary>
    public static bool IsPinning(IOperation whole) =>
        // The initializer holds the array through an operation of its own (the pinning, of kind None).
        DescriptorRelease.Outermost(whole).Parent is { Kind: OperationKind.None, Parent: IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } pointer } } }
        && whole.SemanticModel is { } model
        && Variable(whole) is { } array
        && !SymbolEqualityComparer.Default.Equals(pointer, array)
        && SymbolEqualityComparer.Default.Equals(Pinned(pointer, model), array);

    /// <summary><c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c>.</summary>
    public static bool IsSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>The operation without the conversions and parentheses around it.</summary>
    public static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>The body <paramref name="operation"/> belongs to: the root of its operation tree.</summary>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>
    /// Every write to this place in <paramref name="body"/>: its operation and the value written, null when the value
    /// cannot be followed (a compound assignment, a ref or out argument, an array handed to a call...).
    /// </summary>
    public IEnumerable<(IOperation Write, IOperation? Value)> WritesIn(IOperation body)
    {
        // Only the operations that name the variable can write it (the body's index of them, MethodOperations).
        foreach (IOperation operation in MethodOperations.MayWrite(body, Symbol))
        {
            if (AsWrite(operation) is { } write)
            {
                yield return write;
            }
        }
    }

    /// <summary>When <paramref name="operation"/> writes this place: the write and the value written, as <see cref="WritesIn"/> gives them.</summary>
    internal (IOperation Write, IOperation? Value)? AsWrite(IOperation operation)
    {
        switch (operation)
        {
            case IVariableDeclaratorOperation declarator when Index is null && Is(declarator.Symbol):
                return declarator.Initializer is { } initializer ? (declarator, initializer.Value) : null;
            case ISimpleAssignmentOperation assignment when Of(assignment.Target) == this:
                return (assignment, assignment.Value);
            case ISimpleAssignmentOperation assignment when Index is not null && (Is(Variable(assignment.Target)) || IsElementOf(assignment.Target, Symbol)):
                // The array itself replaced, or an element written at an index not known to differ.
                return (assignment, null);
            case ICompoundAssignmentOperation compound when Touches(compound.Target):
                return (compound, null);
            case IIncrementOrDecrementOperation increment when Touches(increment.Target):
                return (increment, null);
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef when Touches(byRef.Value):
                return (byRef, null);
            case IArgumentOperation handed when Index is not null && Is(Variable(handed.Value)):
                // The array or pointer given to a call: the call may write any element (a creator writes them).
                return (handed, null);
            case IAddressOfOperation address when Touches(address.Reference):
                return (address, null);
            case IDeconstructionAssignmentOperation deconstruction when Index is null && Deconstructs(deconstruction.Target):
                return (deconstruction, null);
            default:
                return null;
        }
    }

    private bool Is(ISymbol? symbol) => SymbolEqualityComparer.Default.Equals(symbol, Symbol);

    private bool Touches(IOperation? target) => Of(target) == this || Index is not null && IsElementOf(target, Symbol);

    private bool Deconstructs(IOperation target)
    {
        foreach (IOperation operation in target.DescendantsAndSelf())
        {
            if (Of(operation) == this)
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(DescriptorPlace other) => Index == other.Index && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol);

    public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Symbol) ^ Index.GetHashCode();
}
