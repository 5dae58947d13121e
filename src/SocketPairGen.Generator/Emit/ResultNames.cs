using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Emit;

/// <summary>
/// Names the reply payload and decoder types of a contract, one pair per distinct result type (methods returning
/// the same type share them), readable (<c>IntReply</c>, <c>PointDecoder</c>, <c>ByteArrayReply</c>) and unique
/// within the contract.
/// </summary>
internal sealed class ResultNames
{
    private static readonly Regex Qualifier = new(@"[A-Za-z_][A-Za-z0-9_]*\.", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, string> _names = new(System.StringComparer.Ordinal);

    public ResultNames(IEnumerable<MethodSpec> methods)
    {
        var taken = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (MethodSpec method in methods)
        {
            if (method.Result is not { } result || _names.ContainsKey(result.TypeName))
            {
                continue;
            }

            string name = BaseName(result);
            for (int suffix = 2; !taken.Add(name); suffix++)
            {
                name = BaseName(result) + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            _names[result.TypeName] = name;
        }
    }

    /// <summary>The distinct result types, in order of first use.</summary>
    public IEnumerable<string> TypeNames => _names.Keys;

    public string Reply(WireType result) => _names[result.TypeName] + "Reply";

    public string Decoder(WireType result) => _names[result.TypeName] + "Decoder";

    private static string BaseName(WireType result)
    {
        if (result is TupleWireType)
        {
            return "Tuple";
        }

        string name = Qualifier.Replace(result.TypeName.Replace("global::", ""), "");
        var builder = new StringBuilder();
        bool upper = true;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
                continue;
            }

            builder.Append(c switch
            {
                '[' => "Array",
                '?' => "OrNull",
                '<' => "Of",
                _ => "",
            });
            upper = true;
        }

        return builder.ToString();
    }
}
