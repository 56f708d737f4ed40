using System.Net;
using System.Threading.Channels;

namespace Caseload.Web.Features.Portal;

/// <summary>An email to a client about the portal: an invitation or a sign-in code.</summary>
[FeatureApi]
public sealed record PortalEmail(string To, string Subject, string Text)
{
    public string Html => "<p>" + WebUtility.HtmlEncode(Text).Replace("\n\n", "</p><p>", StringComparison.Ordinal)
        .Replace("\n", "<br>", StringComparison.Ordinal) + "</p>";

    public string MessageId { get; } = $"portal-{Guid.NewGuid():N}@caseload";
}

/// <summary>
/// Portal emails wait here for the sender in the background (<c>Workers/PortalMailWorker</c>), so that answering a
/// sign-in request takes as long whether or not an email goes out: the timing tells nobody whether an email is
/// known. The queue is bounded and in memory: when it is full, or the instance stops, an email is lost, and the
/// client simply asks for a code again.
/// </summary>
[FeatureApi]
public sealed class PortalOutbox
{
    public const int Capacity = 1000;

    private readonly Channel<PortalEmail> _emails = Channel.CreateBounded<PortalEmail>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<PortalEmail> Reader => _emails.Reader;

    public void Queue(PortalEmail email) => _emails.Writer.TryWrite(email);
}

/// <summary>The portal's addresses in emails: on the address the request came to (behind a trusted proxy, its public one).</summary>
[FeatureApi]
public static class PortalAddress
{
    public static string SignIn(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/portal/sign-in";
}
