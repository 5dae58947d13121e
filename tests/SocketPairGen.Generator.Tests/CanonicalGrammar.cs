namespace SocketPairGen.Generator.Tests;

/// <summary>
/// A second reading of the fingerprint's canonical text, written from the grammar in WIRE-FORMAT.md: it accepts
/// only what the grammar allows. A piece printed from a model record's <c>ToString()</c> (<c>BlittableWireType {
/// TypeName = int, … }</c>), a C# type name or anything the grammar does not name fails here.
/// </summary>
internal ref struct CanonicalGrammar
{
    private static readonly string[] Scalars =
    [
        "bool", "i8", "u8", "i16", "u16", "char", "f16", "i32", "u32", "f32", "i64", "u64", "f64",
        "nint", "nuint", "i128", "u128", "decimal", "datetime", "timespan", "guid",
    ];

    private static readonly string[] IntegerScalars = ["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64"];

    private readonly string _line;
    private int _position;

    private CanonicalGrammar(string line) => _line = line;

    /// <summary>Fails unless <paramref name="text"/> is a canonical contract text.</summary>
    public static void Check(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        string[] lines = text[..^1].Split('\n');
        Assert.Equal("socketpairgen-contract 1", lines[0]);
        var contract = new CanonicalGrammar(lines[1]);
        contract.Expect("contract ");
        contract.DottedName();
        contract.End();
        for (int i = 2; i < lines.Length; i++)
        {
            var method = new CanonicalGrammar(lines[i]);
            method.Expect("method ");
            Assert.Equal((i - 2).ToString(System.Globalization.CultureInfo.InvariantCulture), method.Number());
            method.Expect(" ");
            method.Identifier();
            method.Expect("(");
            method.List(')', static (ref CanonicalGrammar g) => g.Wire());
            method.Accept(" cancellable");
            method.Expect(" -> ");
            if (!method.Accept("none"))
            {
                method.Wire();
            }

            method.End();
        }
    }

    private delegate void Item(ref CanonicalGrammar grammar);

    private void Wire()
    {
        if (Accept("nullable("))
        {
            Wire();
            Expect(")");
        }
        else if (Accept("tuple("))
        {
            Wire();
            while (Accept(","))
            {
                Wire();
            }

            Expect(")");
        }
        else if (Accept("string"))
        {
            Accept("?");
        }
        else if (Accept("block("))
        {
            Wire();
            Expect(")");
            Accept("?");
        }
        else if (Accept("fds("))
        {
            Handle();
            Expect(",");
            Number();
            Expect(")");
            Accept("?");
        }
        else if (_line.AsSpan(_position).StartsWith("fd(") || _line.AsSpan(_position).StartsWith("channel("))
        {
            Handle();
        }
        else
        {
            Fixed();
        }
    }

    /// <summary>A descriptor: its kind, or a channel end and what the fingerprint says of its contract.</summary>
    private void Handle()
    {
        if (Accept("channel("))
        {
            if (Accept("cycle:"))
            {
                DottedName();
            }
            else
            {
                for (int i = 0; i < 32; i++)
                {
                    Assert.True(_position < _line.Length && "0123456789abcdef".Contains(_line[_position]), $"Expected 32 lower-case hex digits at {_position} in '{_line}'.");
                    _position++;
                }
            }

            Expect(")");
        }
        else
        {
            OneOf(["fd(file)", "fd(socket)", "fd(socket-handle)"]);
        }

        Accept("?");
    }

    /// <summary>A value with a memory layout: a scalar, an enum or a struct.</summary>
    private void Fixed()
    {
        if (Accept("enum(") || Accept("flags("))
        {
            OneOf(IntegerScalars);
            Expect("){");
            List('}', static (ref CanonicalGrammar g) =>
            {
                g.Identifier();
                g.Expect("=");
                g.Accept("-");
                g.Number();
            });
        }
        else if (Accept("struct("))
        {
            Number();
            Expect("){");
            List('}', static (ref CanonicalGrammar g) =>
            {
                g.Identifier();
                g.Expect("@");
                g.Number();
                g.Expect("+");
                g.Number();
                g.Expect(":");
                g.Memory();
            });
        }
        else
        {
            OneOf(Scalars);
        }
    }

    /// <summary>A struct field's type: a fixed value, a nullable as .NET lays it out, or a fixed buffer of scalars.</summary>
    private void Memory()
    {
        if (Accept("nullable@"))
        {
            Number();
            Expect("(");
            Fixed();
            Expect(")");
            return;
        }

        Fixed();
        if (Accept("["))
        {
            Number();
            Expect("]");
        }
    }

    private void List(char close, Item item)
    {
        if (Accept(close.ToString()))
        {
            return;
        }

        item(ref this);
        while (Accept(","))
        {
            item(ref this);
        }

        Expect(close.ToString());
    }

    private void DottedName()
    {
        Identifier();
        while (Accept("."))
        {
            Identifier();
        }
    }

    private void Identifier()
    {
        int start = _position;
        while (_position < _line.Length && (char.IsLetterOrDigit(_line[_position]) || _line[_position] == '_'))
        {
            _position++;
        }

        Assert.True(_position > start && !char.IsDigit(_line[start]), $"An identifier was expected at {start} in: {_line}");
    }

    private string Number()
    {
        int start = _position;
        while (_position < _line.Length && char.IsAsciiDigit(_line[_position]))
        {
            _position++;
        }

        Assert.True(_position > start, $"A number was expected at {start} in: {_line}");
        Assert.True(_position - start == 1 || _line[start] != '0', $"A number with a leading zero at {start} in: {_line}");
        return _line[start.._position];
    }

    private void OneOf(string[] words)
    {
        // Longest first, so "i128" is not read as "i16" and then a stray "8".
        foreach (string word in words.OrderByDescending(w => w.Length))
        {
            if (Accept(word))
            {
                return;
            }
        }

        Assert.Fail($"One of {string.Join(", ", words)} was expected at {_position} in: {_line}");
    }

    private bool Accept(string token)
    {
        if (string.CompareOrdinal(_line, _position, token, 0, token.Length) == 0)
        {
            _position += token.Length;
            return true;
        }

        return false;
    }

    private void Expect(string token) => Assert.True(Accept(token), $"'{token}' was expected at {_position} in: {_line}");

    private readonly void End() => Assert.True(_position == _line.Length, $"Unexpected text at {_position} in: {_line}");
}
