namespace SocketPairGen.Generator.Model;

/// <summary>One field of a struct and the offset the generator computed for it.</summary>
/// <param name="Name">The field's name in metadata (<c>&lt;Width&gt;k__BackingField</c> for an auto-property's).</param>
/// <param name="DisplayName">The name a person knows it by (<c>Width</c>), for error messages.</param>
/// <param name="TypeName">The field's type.</param>
/// <param name="Offset">Where it starts in the struct.</param>
internal sealed record FieldOffsetSpec(string Name, string DisplayName, string TypeName, int Offset);
