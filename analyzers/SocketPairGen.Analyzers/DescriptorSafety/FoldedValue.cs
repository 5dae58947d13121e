namespace SocketPairGen.Analyzers.DescriptorSafety;

/// <summary>
/// A folded constant as the flag rules see it: its value, the bits of it that trustworthy constants put there, and
/// whether a constant in it holds another platform's value. A constant named for a close-on-exec flag that holds
/// another value (SPG0009) contributes no trusted bit, so it never counts as the flag; anything computed from it
/// other than by <c>|</c> has no trusted bit either.
/// </summary>
internal readonly struct FoldedValue
{
    private FoldedValue(long value, long trusted, bool lie, bool otherPlatform)
    {
        Value = value;
        Trusted = trusted;
        Lie = lie;
        OtherPlatform = otherPlatform;
    }

    /// <summary>Every bit of the value.</summary>
    public long Value { get; }

    /// <summary>The bits that constants holding their names' Linux values (or literals) put there.</summary>
    public long Trusted { get; }

    /// <summary>Whether a constant that lies about its close-on-exec name is part of the value.</summary>
    public bool Lie { get; }

    /// <summary>Whether a constant holding another platform's value of its name is part of the value.</summary>
    public bool OtherPlatform { get; }

    /// <summary>A value every bit of which can be trusted: a literal, or constants true to their names.</summary>
    public static FoldedValue Honest(long value) => new(value, value, lie: false, otherPlatform: false);

    /// <summary>The value of a constant named <paramref name="name"/>, judged by its name.</summary>
    public static FoldedValue Named(string name, long value) => LinuxFlags.Judge(name, value) switch
    {
        NamedValue.Lie => new(value, 0, lie: true, otherPlatform: false),
        NamedValue.OtherPlatform => new(value, value, lie: false, otherPlatform: true),
        _ => Honest(value),
    };

    /// <summary><c>this | other</c>: each keeps its trusted bits.</summary>
    public FoldedValue Or(FoldedValue other) =>
        new(Value | other.Value, Trusted | other.Trusted, Lie || other.Lie, OtherPlatform || other.OtherPlatform);

    /// <summary>Another value computed from this one (and <paramref name="other"/>, when given) by any other operation.</summary>
    public FoldedValue Derive(long value, FoldedValue? other = null)
    {
        bool lie = Lie || other?.Lie == true;
        return new(value, lie ? 0 : value, lie, OtherPlatform || other?.OtherPlatform == true);
    }

    /// <summary>This value's taint on a value the compiler computed (a named constant whose initializer this was).</summary>
    public FoldedValue WithValue(long value) => new(value, Lie ? Trusted & value : value, Lie, OtherPlatform);
}
