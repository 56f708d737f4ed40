using Caseload.Domain.Groups;

namespace Caseload.Web.Features.Portal.Booking;

/// <summary>What a client is shown as the name of a group: the one place that decides it, for pages, answers and emails.</summary>
[FeatureApi]
public static class ClientTitles
{
    /// <summary>The practice's client-facing title, never the internal group name; the neutral "Group session" without one.</summary>
    public static string ClientFacingTitle(Group group) => group.ClientTitle ?? Group.NeutralClientTitle;
}
