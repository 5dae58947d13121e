namespace SocketPairGen.Generator.Model;

/// <summary>
/// How one type crosses the wire. Each kind is a record of its own; the emitter and the fingerprint's canonical
/// encoding switch on the kind. Records compare by value, so the pipeline caches them.
/// </summary>
/// <param name="TypeName">The type, fully qualified (with <c>?</c> for nullable references).</param>
internal abstract record WireType(string TypeName)
{
    /// <summary>The wire size in bytes, or -1 when it depends on the value (strings, blocks).</summary>
    public abstract int FixedSize { get; }

    /// <summary>An identifier-safe, unique name for helper methods of this type: the type name with every other
    /// character made <c>_</c>, then a hash of the exact name (so <c>A_B</c> and <c>A.B</c> stay apart).</summary>
    public string Id => IdFor(TypeName);

    /// <summary>The <see cref="Id"/> of a type by its name.</summary>
    public static string IdFor(string typeName)
    {
        var builder = new System.Text.StringBuilder(typeName.Length + 9);
        foreach (char c in typeName.Replace("global::", ""))
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        // FNV-1a: stable across processes and runtimes, unlike string.GetHashCode.
        uint hash = 2166136261;
        foreach (char c in typeName)
        {
            hash = (hash ^ c) * 16777619;
        }

        return builder.Append('_').Append(hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).ToString();
    }
}
