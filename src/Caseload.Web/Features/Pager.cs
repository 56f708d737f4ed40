namespace Caseload.Web.Features;

/// <summary>
/// The page links under a long list: the first and last pages, the pages next to this one, Previous and Next.
/// A list of thousands of pages shows a handful of links, never one per page.
/// </summary>
/// <param name="Link">The address of a page: the list's own filters with another page number.</param>
public sealed record Pager(int Page, int Pages, Func<int, string> Link, string Label)
{
    /// <summary>The page numbers to link, in order; null marks a gap.</summary>
    public IEnumerable<int?> Numbers()
    {
        var shown = new SortedSet<int> { 1, Pages };
        for (var p = Math.Max(1, Page - 2); p <= Math.Min(Pages, Page + 2); p++)
        {
            shown.Add(p);
        }

        var previous = 0;
        foreach (var p in shown)
        {
            if (p > previous + 1)
            {
                yield return null;
            }

            yield return p;
            previous = p;
        }
    }
}
