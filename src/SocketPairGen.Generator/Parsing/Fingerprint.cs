using System.Security.Cryptography;
using System.Text;

namespace SocketPairGen.Generator.Parsing;

/// <summary>
/// The contract's fingerprint: SHA-256 of the UTF-8 bytes of the contract's canonical text
/// (<see cref="CanonicalEncoding"/>), its first 16 bytes read as a big-endian 128-bit number. The handshake sends
/// that number little-endian, as every integer on the wire; error messages show it in hexadecimal, which reads as
/// the digest's first 32 hex digits.
/// </summary>
internal static class Fingerprint
{
    public static (ulong Upper, ulong Lower) Compute(string canonicalText)
    {
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(canonicalText));
        }

        return (ReadBigEndian(hash, 0), ReadBigEndian(hash, 8));
    }

    private static ulong ReadBigEndian(byte[] bytes, int offset)
    {
        ulong value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | bytes[offset + i];
        }

        return value;
    }
}
