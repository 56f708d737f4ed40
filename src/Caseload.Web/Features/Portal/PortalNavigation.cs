namespace Caseload.Web.Features.Portal;

/// <summary>A page of the portal in its navigation.</summary>
public sealed record PortalPage(string Title, string Path);

/// <summary>
/// The portal's pages in its navigation, in order, and the sections of its home page, in order: each section is a
/// partial view given the home page's model, named as in this folder or by its path from the application's root for
/// one that sits beside its own part of the portal. A part of the portal adds its page or section here.
/// </summary>
public static class PortalNavigation
{
    public static readonly IReadOnlyList<PortalPage> Pages =
    [
        new("Home", "/portal"),
        new("Sessions", "/portal/sessions"),
        new("Book", "/portal/book"),
        new("Waitlist", "/portal/waitlist"),
        new("Bills", "/portal/bills"),
        new("Security", "/portal/security"),
    ];

    public static readonly IReadOnlyList<string> HomeSections = ["~/Features/Portal/Sessions/_NextSession.cshtml", "_YourDetails"];
}
