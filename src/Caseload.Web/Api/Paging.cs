using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Caseload.Web.Api;

/// <summary>
/// Paging of a list the API answers as a bare array (a pinned shape): the count and the neighbouring pages travel
/// in headers, <c>X-Total-Count</c> and an RFC 8288 <c>Link</c> with <c>first</c>, <c>prev</c>, <c>next</c> and <c>last</c>.
/// </summary>
public static class Paging
{
    public const string TotalCountHeader = "X-Total-Count";

    public static void Describe(HttpContext http, int total, int page, int pageSize)
    {
        var last = Math.Max(1, (total + pageSize - 1) / pageSize);
        http.Response.Headers[TotalCountHeader] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var links = new List<string> { Link(http.Request, 1, pageSize, "first") };
        if (page > 1)
        {
            links.Add(Link(http.Request, Math.Min(page - 1, last), pageSize, "prev"));
        }

        if (page < last)
        {
            links.Add(Link(http.Request, page + 1, pageSize, "next"));
        }

        links.Add(Link(http.Request, last, pageSize, "last"));
        http.Response.Headers.Link = string.Join(", ", links);
    }

    /// <summary>The request's own path and query with another page (relative, so a proxy's host is never guessed).</summary>
    private static string Link(HttpRequest request, int page, int pageSize, string rel)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        query["pageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = new QueryBuilder(query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))));
        return $"<{request.PathBase}{request.Path}{builder.ToQueryString()}>; rel=\"{rel}\"";
    }
}
