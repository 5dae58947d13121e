using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SocketPairGen.Generator.Emit;
using SocketPairGen.Generator.Model;
using SocketPairGen.Generator.Parsing;

namespace SocketPairGen.Generator;

/// <summary>
/// For every <c>[SocketPairChannel] partial interface</c>: a client proxy, a server dispatcher and the contract's
/// fingerprint, added to the interface itself. The pipeline only wires the steps: attribute → parser (a spec of
/// strings and equatable arrays, or null) → emitter.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SocketPairGenerator : IIncrementalGenerator
{
    private const string AttributeName = "SocketPairGen.SocketPairChannelAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ContractSpec?> contracts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                static (node, _) => node is InterfaceDeclarationSyntax,
                ContractParser.Parse)
            .WithTrackingName(TrackingNames.Contracts);

        IncrementalValuesProvider<ContractSpec> validContracts = contracts
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidContracts);

        context.RegisterSourceOutput(validContracts, static (output, spec) =>
        {
            (string hintName, string source) = ContractEmitter.Emit(spec);
            output.AddSource(hintName, source);
        });
    }
}
