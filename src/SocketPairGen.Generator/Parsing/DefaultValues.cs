using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SocketPairGen.Generator.Parsing;

/// <summary>Writes a parameter's default value as C# source for the proxy's signature.</summary>
internal static class DefaultValues
{
    public static string Format(ITypeSymbol type, object? value)
    {
        string typeName = TypeNames.Of(type);
        return value switch
        {
            null => "default",
            bool b => b ? "true" : "false",
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            double d when double.IsNaN(d) => "double.NaN",
            double d when double.IsInfinity(d) => d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity",
            float f when float.IsNaN(f) => "float.NaN",
            float f when float.IsInfinity(f) => f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity",
            double d => $"({typeName})({d.ToString("R", CultureInfo.InvariantCulture)}D)",
            float f => $"({typeName})({f.ToString("R", CultureInfo.InvariantCulture)}F)",
            decimal m => $"({typeName})({m.ToString(CultureInfo.InvariantCulture)}M)",

            // Integers, and enums (whose default arrives as the underlying value): a cast of the literal.
            _ => $"({typeName})({System.Convert.ToString(value, CultureInfo.InvariantCulture)})",
        };
    }
}
