using System.Security.Cryptography;
using System.Text;

namespace Caseload.Web.Features.CalendarFeeds;

/// <summary>
/// A feed's token is its only credential (calendar apps cannot sign in): 256 random bits, written URL-safe. The
/// database keeps only its SHA-256, as for a password a leak of the table must not hand out working addresses; a
/// token this long needs no salt or slow hash to resist guessing.
/// </summary>
public static class FeedTokens
{
    public static (string Token, string Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
