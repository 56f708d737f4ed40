using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Web.Auth;

/// <summary>
/// Checks authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, one step of drift
/// either way) against the shared key Identity stores for the user.
/// </summary>
/// <remarks>
/// Identity's own AuthenticatorTokenProvider reads the system clock; this one reads the app's
/// <see cref="TimeProvider"/>, so the one clock the app runs on also decides which code is current.
/// </remarks>
internal sealed class AuthenticatorCodes(TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    private const int StepSeconds = 30;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The code comes from the user's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user) =>
        Matches(await manager.GetAuthenticatorKeyAsync(user), token, time.GetUtcNow());

    /// <summary>Whether <paramref name="token"/> is the code an app holding <paramref name="key"/> shows at <paramref name="now"/> (one step either way).</summary>
    public static bool Matches(string? key, string? token, DateTimeOffset now)
    {
        var digits = (token ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(key) || digits.Length != 6
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || FromBase32(key) is not { } secret)
        {
            return false;
        }

        var step = now.ToUnixTimeSeconds() / StepSeconds;
        var matched = false;
        for (var drift = -1; drift <= 1; drift++)
        {
            matched |= Code(secret, step + drift) == code;
        }

        return matched;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 6238 as authenticator apps implement it is HMAC-SHA1; as an HMAC it is not weakened by SHA-1's collisions.")]
    private static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0F;
        return (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF) % 1_000_000;
    }

    private static byte[]? FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
