namespace Caseload.Web.Features.Portal;

/// <summary>A page of the portal in its navigation.</summary>
public sealed record PortalPage(string Title, string Path);

/// <summary>
/// The portal's pages in its navigation, in order, and the sections of its home page, in order: each section is a
/// partial view in this folder given the home page's model. A part of the portal adds its page or section here.
/// </summary>
public static class PortalNavigation
{
    public static readonly IReadOnlyList<PortalPage> Pages = [new("Home", "/portal"), new("Security", "/portal/security")];

    public static readonly IReadOnlyList<string> HomeSections = ["_YourDetails"];
}
