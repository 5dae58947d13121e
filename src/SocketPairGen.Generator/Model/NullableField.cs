namespace SocketPairGen.Generator.Model;

/// <summary>A <c>Nullable&lt;T&gt;</c> field inside a struct. Without a value, its value bytes travel as zeros: the
/// sender clears them and the receiver rejects anything else.</summary>
/// <param name="HasValueOffset">Where its has-value byte is.</param>
/// <param name="ValueOffset">Where its value starts.</param>
/// <param name="ValueSize">The value's size.</param>
/// <param name="Path">The field's path, for error messages (<c>Header.Limit</c>).</param>
internal sealed record NullableField(int HasValueOffset, int ValueOffset, int ValueSize, string Path);
