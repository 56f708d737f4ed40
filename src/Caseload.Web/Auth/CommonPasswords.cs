using Caseload.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Caseload.Web.Auth;

/// <summary>
/// Refuses passwords that appear in the published lists of the most used passwords, whatever their
/// length or mix of characters ("123456789012", "qwerty123456"), as NIST SP 800-63B asks. The list is
/// built into the app (see the project file), compared without regard to case.
/// </summary>
internal sealed class CommonPasswords : IPasswordValidator<StaffUser>
{
    public const string ErrorCode = "PasswordCommon";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool Contains(string password) => List.Value.Contains(password.ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password) =>
        Task.FromResult(password is not null && Contains(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is among the most used passwords, which are tried first. Choose another.",
            })
            : IdentityResult.Success);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Caseload.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not built into the app.");
        using var reader = new StreamReader(stream);
        var list = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                list.Add(line);
            }
        }

        return list;
    }
}
