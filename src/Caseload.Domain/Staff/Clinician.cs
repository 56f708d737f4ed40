namespace Caseload.Domain.Staff;

/// <summary>A staff member who sees clients. The sign-in account is separate; this is the person on the calendar.</summary>
public sealed class Clinician
{
    /// <summary>
    /// Calendar colours handed out in turn: dark enough for white text (contrast at least 4.5:1), and
    /// none light blue, which marks group appointments.
    /// </summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#2e7d32", "#6a1b9a", "#c62828", "#b45309", "#00695c", "#4e342e", "#ad1457", "#283593", "#1565c0", "#827717", "#5d4037", "#6d28d9"];

    private Clinician()
    {
    }

    public Clinician(string userId, string displayName, string credentials, string color)
    {
        Id = Guid.CreateVersion7().ToString("N");
        UserId = userId;
        DisplayName = displayName;
        Credentials = credentials;
        Color = color;
    }

    public string Id { get; private set; } = "";

    public string UserId { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public string Credentials { get; private set; } = "";

    public string Color { get; private set; } = "";

    /// <summary>The National Provider Identifier payers know the clinician by, as the rendering provider of their claims.</summary>
    public string? Npi { get; private set; }

    /// <summary>The clinician's provider taxonomy code, such as 101YM0800X (mental health counselor).</summary>
    public string? Taxonomy { get; private set; }

    /// <summary>Sets the NPI and taxonomy a claim names for the clinician; blank clears one, a malformed one is refused.</summary>
    public Outcome ChangeBillingIdentity(string? npi, string? taxonomy)
    {
        var checkedIdentity = Insurance.RenderingIdentity.Check(npi, taxonomy);
        if (!checkedIdentity.Succeeded)
        {
            return checkedIdentity.AsOutcome;
        }

        (Npi, Taxonomy) = checkedIdentity.Value;
        return Outcome.Done;
    }

    /// <summary>The calendar shows the name the staff account has now.</summary>
    public void Rename(string displayName) => DisplayName = displayName;

    public static string ColorFor(int existingClinicians) => Palette[existingClinicians % Palette.Count];
}
