namespace SocketPairGen.Generator.Model;

/// <summary>Everything the emitter needs to write one contract's channel.</summary>
/// <param name="Namespace">The interface's namespace as source spells it (<c>@event.Ns</c>), empty for the global namespace.</param>
/// <param name="Name">The interface's name as source spells it (<c>@class</c> for a keyword).</param>
/// <param name="FullName">The interface's fully qualified name (<c>global::Ns.Outer.IFoo</c>).</param>
/// <param name="ContractName">The name on the wire (<c>Ns.Outer.IFoo</c>, keywords without <c>@</c>).</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="ContainingTypes">Types that contain the interface, outermost first.</param>
/// <param name="Methods">The methods, ordered by wire id.</param>
/// <param name="Structs">User structs that cross the wire as their bytes, for the layout check at start-up.</param>
/// <param name="FingerprintUpper">The upper 64 bits of the contract fingerprint.</param>
/// <param name="FingerprintLower">The lower 64 bits of the contract fingerprint.</param>
/// <param name="MemberNames">The names of everything the interface declares (methods, nested types, static members),
/// sorted: generated members of the proxy avoid them.</param>
internal sealed record ContractSpec(
    string Namespace,
    string Name,
    string FullName,
    string ContractName,
    string HintName,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    EquatableArray<MethodSpec> Methods,
    EquatableArray<StructLayoutSpec> Structs,
    ulong FingerprintUpper,
    ulong FingerprintLower,
    EquatableArray<string> MemberNames);
