using NodaTime;

namespace Caseload.Web.Data;

/// <summary>
/// A sign-in session that was ended before its tokens expire: signed out, or its refresh token used.
/// Every instance of the app sees it (so a copied cookie or a replayed refresh token is refused
/// everywhere); the row is useless once no token of the session can still be valid.
/// </summary>
public sealed class EndedSession
{
    public string Id { get; set; } = "";

    /// <summary>After this no token of the session is valid anyway, so the row may be deleted.</summary>
    public Instant ExpiresAt { get; set; }
}
