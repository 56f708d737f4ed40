namespace Caseload.Domain.Billing;

/// <summary>A billable service (CPT code) with the practice's own fee and usual length.</summary>
/// <remarks>Descriptions are written in our own words: the official CPT descriptors are licensed text.</remarks>
public sealed class ServiceCode
{
    public const string GroupPsychotherapy = "90853";
    public const string FamilyPsychotherapy = "90847";

    /// <summary>The codes a new practice starts with; administrators change fees and lengths afterwards.</summary>
    public static readonly IReadOnlyList<ServiceCode> Catalogue =
    [
        new("90791", "Diagnostic evaluation (intake assessment)", 60, 200.00m),
        new("90832", "Individual psychotherapy, about 30 minutes", 30, 90.00m),
        new("90834", "Individual psychotherapy, about 45 minutes", 45, 130.00m),
        new("90837", "Individual psychotherapy, about 60 minutes", 60, 170.00m),
        new("90846", "Family psychotherapy, client not present", 50, 140.00m),
        new("90847", "Family psychotherapy, client present", 50, 150.00m),
        new("90853", "Group psychotherapy (not a multiple-family group)", 90, 60.00m),
    ];

    private ServiceCode()
    {
    }

    private ServiceCode(string code, string description, int defaultMinutes, decimal fee)
    {
        Code = code;
        Description = description;
        DefaultMinutes = defaultMinutes;
        Fee = fee;
    }

    public string Code { get; private set; } = "";

    public string Description { get; private set; } = "";

    public int DefaultMinutes { get; private set; }

    public decimal Fee { get; private set; }

    /// <summary>Group-suited codes are offered first when scheduling a group.</summary>
    public bool SuitsGroups => Code is GroupPsychotherapy or FamilyPsychotherapy;

    public static ServiceCode Copy(ServiceCode template) =>
        new(template.Code, template.Description, template.DefaultMinutes, template.Fee);

    public Outcome Change(string description, int defaultMinutes, decimal fee)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(description) || description.Trim().Length > TextLimits.ServiceDescription)
        {
            refusals.Add(Refusal.Invalid("description", $"Describe the service in at most {TextLimits.ServiceDescription} characters."));
        }

        if (defaultMinutes is < 5 or > 480)
        {
            refusals.Add(Refusal.Invalid("defaultMinutes", "The usual length must be from 5 to 480 minutes."));
        }

        if (fee is < 0 or > 100_000)
        {
            refusals.Add(Refusal.Invalid("fee", "The fee must be from 0.00 to 100000.00."));
        }

        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        Description = description.Trim();
        DefaultMinutes = defaultMinutes;
        Fee = Money.Round(fee);
        return Outcome.Done;
    }
}
