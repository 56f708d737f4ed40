using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Caseload.Web.Tests.Reminders;

namespace Caseload.Web.Tests.Operations;

/// <summary>
/// A local HTTP listener standing in for an OpenTelemetry collector's OTLP/HTTP receiver: it keeps the body of every
/// export (protobuf, whose strings are plain UTF-8, so names can be looked for in it) by path, and answers 200.
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();

    public OtlpCollector()
    {
        for (var attempt = 0; ; attempt++)
        {
            Endpoint = $"http://127.0.0.1:{SmtpInbox.FreePort()}";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Endpoint + "/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _ = ServeAsync();
    }

    public string Endpoint { get; }

    /// <summary>Everything exported to <paramref name="path"/> (such as <c>/v1/traces</c>), as text with the binary framing left in.</summary>
    public string Received(string path) =>
        string.Concat(_exports.Where(e => e.Path == path).Select(e => Encoding.UTF8.GetString(e.Body)));

    public IReadOnlyList<string> Paths => [.. _exports.Select(e => e.Path).Distinct()];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
