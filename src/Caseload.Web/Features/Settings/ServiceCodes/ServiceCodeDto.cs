using Caseload.Domain.Billing;

namespace Caseload.Web.Features.Settings.ServiceCodes;

/// <summary>A service code as pickers and the settings page show it.</summary>
[FeatureApi]
public sealed record ServiceCodeDto(string Code, string Description, int DefaultMinutes, decimal Fee)
{
    public static ServiceCodeDto From(ServiceCode s) => new(s.Code, s.Description, s.DefaultMinutes, s.Fee);
}
