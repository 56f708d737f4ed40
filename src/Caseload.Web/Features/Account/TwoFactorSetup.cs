using System.Globalization;
using Caseload.Domain;
using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Caseload.Web.Features.Account;

/// <summary>What the enrolment page shows: the shared key, grouped for typing, and its QR code as SVG markup.</summary>
public sealed record AuthenticatorKey(string SharedKey, string QrCodeSvg)
{
    public string Grouped => string.Join(' ', SharedKey.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
}

/// <summary>Gives a signed-in user an authenticator key to scan, making one the first time.</summary>
public sealed class PrepareAuthenticator(UserManager<StaffUser> users)
{
    private const string Issuer = "Caseload";

    public async Task<AuthenticatorKey> HandleAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "")}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        return new AuthenticatorKey(key, new SvgQRCode(data).GetGraphic(4));
    }
}

public sealed record TurnOnTwoFactorCommand(StaffUser User, string Code);

/// <summary>
/// Turns two-factor sign-in on once the user proves their app shows the right code, and answers the ten
/// recovery codes, shown once: only their hashes are kept.
/// </summary>
public sealed class TurnOnTwoFactor(UserManager<StaffUser> users)
{
    public const int RecoveryCodes = 10;

    public async Task<Outcome<string[]>> HandleAsync(TurnOnTwoFactorCommand command)
    {
        if (!await users.VerifyTwoFactorTokenAsync(command.User, users.Options.Tokens.AuthenticatorTokenProvider, command.Code))
        {
            return new Refusal(RefusalCodes.TwoFactorCodeInvalid, "That code is not right. Enter the current code from your app.", "code");
        }

        await users.SetTwoFactorEnabledAsync(command.User, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(command.User, RecoveryCodes);
        return codes!.ToArray();
    }
}

public sealed record TurnOffTwoFactorCommand(StaffUser User, string Code);

/// <summary>
/// Turns two-factor sign-in off with a current code (or a recovery code), so a screen left signed in is not
/// enough; the key is replaced, so turning it on again means scanning a new one.
/// </summary>
public sealed class TurnOffTwoFactor(UserManager<StaffUser> users)
{
    public async Task<Outcome> HandleAsync(TurnOffTwoFactorCommand command)
    {
        var code = command.Code.Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(command.User, users.Options.Tokens.AuthenticatorTokenProvider, code)
            && !(await users.RedeemTwoFactorRecoveryCodeAsync(command.User, code)).Succeeded)
        {
            return new Refusal(RefusalCodes.TwoFactorCodeInvalid, "That code is not right. Enter the current code from your app or a recovery code.", "code");
        }

        await users.SetTwoFactorEnabledAsync(command.User, false);
        await users.ResetAuthenticatorKeyAsync(command.User);
        return Outcome.Done;
    }
}
