using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Caseload.Domain.Portal;

/// <summary>
/// A client's access to the client portal: the invitation staff sent (to which email, by whom, when) and the
/// one sign-in code that may be outstanding. Clients have no password: they ask for a code, which goes to the
/// invited email, and type it in.
/// </summary>
/// <remarks>
/// A code is six digits, so it is guarded by its short life and few tries rather than by its length: it works
/// once, for <see cref="CodeLifetime"/>, only while it is the newest, and <see cref="WrongCodesAllowed"/> wrong
/// tries void it. Only a salted hash is kept, so a copy of the database holds no working code.
/// </remarks>
public sealed class PortalAccount
{
    public const int WrongCodesAllowed = 5;

    public static readonly Duration CodeLifetime = Duration.FromMinutes(15);

    private PortalAccount()
    {
    }

    public string ClientId { get; private set; } = "";

    /// <summary>The email the invitation went to: sign-in works only while the chart's email is still this one.</summary>
    public string InvitedEmail { get; private set; } = "";

    public Instant InvitedAt { get; private set; }

    public string InvitedByUserId { get; private set; } = "";

    public string InvitedByName { get; private set; } = "";

    /// <summary>When staff withdrew the invitation; the client's sessions end and no code is sent until they invite again.</summary>
    public Instant? RevokedAt { get; private set; }

    public Instant? LastSignedInAt { get; private set; }

    public string? CodeSalt { get; private set; }

    public string? CodeHash { get; private set; }

    public Instant? CodeIssuedAt { get; private set; }

    public int WrongCodes { get; private set; }

    /// <summary>The shared key (base32) of the authenticator app the client is adding or has added; none without one.</summary>
    public string? AuthenticatorKey { get; private set; }

    /// <summary>Whether signing in also takes the code of the client's authenticator app.</summary>
    public bool TwoFactorOn { get; private set; }

    /// <summary>Grows with every change, so two requests using the same code at once cannot both succeed.</summary>
    public int Version { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public static PortalAccount Invite(string clientId, string email, string byUserId, string byName, Instant now)
    {
        var account = new PortalAccount { ClientId = clientId };
        account.InviteAgain(email, byUserId, byName, now);
        return account;
    }

    /// <summary>A new invitation, perhaps to a new email: an outstanding code is void, a withdrawn invitation stands again.</summary>
    public void InviteAgain(string email, string byUserId, string byName, Instant now)
    {
        InvitedEmail = NormalEmail(email);
        InvitedAt = now;
        InvitedByUserId = byUserId;
        InvitedByName = byName;
        RevokedAt = null;
        VoidCode();
    }

    public void Revoke(Instant now)
    {
        RevokedAt = now;
        VoidCode();
    }

    /// <summary>Emails are kept and looked up in lower case: people type them as they like.</summary>
    public static string NormalEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Whether this client may sign in: invited and not withdrawn, still a client, and the chart's email is the one invited.</summary>
    public bool MaySignIn(string? chartEmail, bool clientActive) =>
        !IsRevoked && clientActive && string.Equals(chartEmail, InvitedEmail, StringComparison.OrdinalIgnoreCase);

    /// <summary>Makes a new code, voiding any older one, and returns it to be sent; only its hash is kept.</summary>
    public string IssueCode(Instant now)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        CodeSalt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        CodeHash = HashOf(CodeSalt, code);
        CodeIssuedAt = now;
        WrongCodes = 0;
        Version++;
        return code;
    }

    /// <summary>
    /// Takes the code if it is the outstanding one and still fresh: then it is used up and the sign-in counted.
    /// A wrong code counts against the outstanding one; the fifth wrong try voids it. A stale one is voided.
    /// </summary>
    public bool UseCode(string code, Instant now)
    {
        if (!IsRightCode(code, now))
        {
            return false;
        }

        SignedIn(now);
        return true;
    }

    /// <summary>
    /// Whether the code is the outstanding one and still fresh, leaving it outstanding (the authenticator's code may
    /// still be to come). A wrong code counts against the outstanding one; a stale one is voided.
    /// </summary>
    public bool IsRightCode(string code, Instant now)
    {
        if (CodeHash is null || CodeSalt is null || CodeIssuedAt is not { } issued)
        {
            return false;
        }

        if (now >= issued + CodeLifetime)
        {
            VoidCode();
            return false;
        }

        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(HashOf(CodeSalt, code.Trim())), Encoding.ASCII.GetBytes(CodeHash));
        if (!matches)
        {
            CountWrongCode();
        }

        return matches;
    }

    /// <summary>The sign-in went through: the code is used up.</summary>
    public void SignedIn(Instant now)
    {
        VoidCode();
        LastSignedInAt = now;
    }

    /// <summary>A wrong authenticator code counts against the emailed code as a wrong code does: five void it.</summary>
    public void CountWrongCode()
    {
        WrongCodes++;
        Version++;
        if (WrongCodes >= WrongCodesAllowed)
        {
            VoidCode();
        }
    }

    /// <summary>Gives the client a new key to add to their authenticator app; one already in use stays until turned off.</summary>
    public void OfferAuthenticator(string key)
    {
        if (TwoFactorOn)
        {
            return;
        }

        AuthenticatorKey = key;
        Version++;
    }

    /// <summary>The client proved their app shows the right code: from now on signing in takes it too.</summary>
    public void TurnOnTwoFactor()
    {
        TwoFactorOn = AuthenticatorKey is not null;
        Version++;
    }

    /// <summary>Signing in takes the emailed code alone again; the key is forgotten, so turning it on again means a new one.</summary>
    public void TurnOffTwoFactor()
    {
        TwoFactorOn = false;
        AuthenticatorKey = null;
        Version++;
    }

    private void VoidCode()
    {
        CodeSalt = null;
        CodeHash = null;
        CodeIssuedAt = null;
        WrongCodes = 0;
        Version++;
    }

    private static string HashOf(string salt, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + code)));
}
