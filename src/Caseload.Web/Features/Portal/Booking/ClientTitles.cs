using Caseload.Domain.Groups;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>What a client is shown as the name of a group: the one place that decides it, for pages, answers and emails.</summary>
[FeatureApi]
public static class ClientTitles
{
    /// <summary>The group's name, until the practice gives groups a client-facing title of their own.</summary>
    public static string ClientFacingTitle(Group group) => group.Name;
}
