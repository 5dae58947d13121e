using System.Security.Cryptography;
using System.Text;
using SocketPairGen.Generator.Model;

namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// The contract's fingerprint: SHA-256 over a canonical text of the contract name and every method (id, name,
/// shape, result and parameter wire types, which include the layouts of every struct, recursively), cut to 128
/// bits. Anything a peer built from other source could decode differently changes it.
/// </summary>
internal static class Fingerprint
{
    public static (ulong Upper, ulong Lower) Compute(string contractName, EquatableArray<MethodSpec> methods)
    {
        var text = new StringBuilder("SocketPairGen/1|").Append(contractName);
        foreach (MethodSpec method in methods)
        {
            text.Append('|').Append(method.Id).Append(':').Append(method.Name).Append(':').Append(method.Shape)
                .Append(":r=").Append(method.Result?.ToString() ?? "none")
                .Append(":ct=").Append(method.CancellationTokenName is not null);
            foreach (ParameterSpec parameter in method.Parameters)
            {
                text.Append(":p=").Append(parameter.Modifier).Append(parameter.Type);
            }
        }

        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        return (ReadUInt64(hash, 0), ReadUInt64(hash, 8));
    }

    private static ulong ReadUInt64(byte[] bytes, int offset)
    {
        ulong value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | bytes[offset + i];
        }

        return value;
    }
}
