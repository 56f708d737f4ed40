using System.Security.Cryptography;
using System.Text;
using Caseload.Domain;
using Caseload.Domain.Portal;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Caseload.Web.Features.Portal;

/// <summary>The key a client adds to their authenticator app: to type in, as an <c>otpauth://</c> address, and that address as a QR code (SVG).</summary>
public sealed record PortalAuthenticatorKey(string SharedKey, string OtpauthAddress)
{
    /// <summary>The key as apps list it: under the practice's name, labelled with the client's email.</summary>
    public static PortalAuthenticatorKey For(string sharedKey, string email, string practiceName)
    {
        var issuer = Uri.EscapeDataString(practiceName);
        return new(sharedKey, $"otpauth://totp/{issuer}:{Uri.EscapeDataString(email)}?secret={sharedKey}&issuer={issuer}&digits=6");
    }

    public string Grouped => string.Join(' ', SharedKey.Chunk(4).Select(c => new string(c)));

    public string QrCodeSvg()
    {
        using var data = QRCodeGenerator.GenerateQrCode(OtpauthAddress, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(4);
    }
}

/// <summary>
/// A client who wants more than the emailed code adds an authenticator app: a new key (20 random bytes, base32, as
/// the apps expect) is kept on their account, not yet in use. It is in use once they prove their app shows its code.
/// </summary>
public sealed class PreparePortalAuthenticator(CaseloadDbContext db, CurrentClient current, KeptPractice practice, AuditTrail audit)
{
    public async Task<Outcome<PortalAuthenticatorKey>> HandleAsync(CancellationToken ct)
    {
        var account = await db.PortalAccounts.SingleAsync(a => a.ClientId == current.ClientId, ct);
        if (account.TwoFactorOn)
        {
            return new Refusal(RefusalCodes.Conflict, "An authenticator app is already in use: turn it off first to add another.");
        }

        var key = Base32(RandomNumberGenerator.GetBytes(20));
        account.OfferAuthenticator(key);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, current.ClientId, current.ClientId, ct, detail: "client portal: authenticator key made");
        return PortalAuthenticatorKey.For(key, account.InvitedEmail, await practice.NameAsync(ct));
    }

    private static string Base32(byte[] bytes)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}

/// <summary>The client proves their app shows the current code for the new key: from then on, signing in takes that code too.</summary>
public sealed class TurnOnPortalTwoFactor(CaseloadDbContext db, CurrentClient current, AuditTrail audit, TimeProvider time)
{
    public async Task<Outcome> HandleAsync(string? code, CancellationToken ct)
    {
        var account = await db.PortalAccounts.SingleAsync(a => a.ClientId == current.ClientId, ct);
        if (account.AuthenticatorKey is null || account.TwoFactorOn)
        {
            return new Refusal(RefusalCodes.Conflict, account.TwoFactorOn ? "Your authenticator app is already in use." : "Add an authenticator app first.");
        }

        if (!AuthenticatorCodes.Matches(account.AuthenticatorKey, code, time.GetUtcNow()))
        {
            return Refusal.Invalid("code", "That is not the code your app shows now. Enter the current six digits.");
        }

        account.TurnOnTwoFactor();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, current.ClientId, current.ClientId, ct, detail: "client portal: authenticator turned on");
        return Outcome.Done;
    }
}

/// <summary>The client stops using their authenticator app, with its current code, so a screen left signed in is not enough.</summary>
public sealed class TurnOffPortalTwoFactor(CaseloadDbContext db, CurrentClient current, AuditTrail audit, TimeProvider time)
{
    public async Task<Outcome> HandleAsync(string? code, CancellationToken ct)
    {
        var account = await db.PortalAccounts.SingleAsync(a => a.ClientId == current.ClientId, ct);
        if (!account.TwoFactorOn)
        {
            return new Refusal(RefusalCodes.Conflict, "No authenticator app is in use.");
        }

        if (!AuthenticatorCodes.Matches(account.AuthenticatorKey, code, time.GetUtcNow()))
        {
            return Refusal.Invalid("code", "That is not the code your app shows now. Enter the current six digits.");
        }

        account.TurnOffTwoFactor();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActions.Change, AuditEntities.Client, current.ClientId, current.ClientId, ct, detail: "client portal: authenticator turned off");
        return Outcome.Done;
    }
}
