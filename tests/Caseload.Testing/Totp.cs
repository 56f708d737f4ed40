using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Caseload.Testing;

/// <summary>
/// An authenticator app in a few lines (RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits), written
/// apart from the app's own check so a test proves the two agree. Give it the app's FakeTimeProvider time.
/// </summary>
public static class Totp
{
    public static string Code(string sharedKey, DateTimeOffset at)
    {
        var secret = FromBase32(sharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238 is HMAC-SHA1, as the authenticator apps do it
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.TrimEnd('=').Select(c => Convert.ToString(Alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return [.. Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2))];
    }
}
