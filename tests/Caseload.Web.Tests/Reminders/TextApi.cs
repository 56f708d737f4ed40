using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Caseload.Web.Tests.Reminders;

/// <summary>One request the text message service received: what a Twilio-compatible API is sent.</summary>
public sealed record TextRequest(string Method, string Path, string? Authorization, IReadOnlyDictionary<string, string> Form)
{
    public string To => Form.GetValueOrDefault("To", "");

    public string From => Form.GetValueOrDefault("From", "");

    public string Body => Form.GetValueOrDefault("Body", "");
}

/// <summary>
/// A local HTTP listener standing in for a Twilio-compatible messages API: it records every request
/// and answers 201, or whatever status it is told to give for a number, or nothing for a while.
/// </summary>
public sealed class TextApi : IDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test-auth-token";
    public const string From = "+15550100000";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<TextRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _answers = new();
    private readonly ConcurrentDictionary<string, bool> _hanging = new();
    private readonly CancellationTokenSource _stopped = new();

    public TextApi()
    {
        for (var attempt = 0; ; attempt++)
        {
            BaseUrl = $"http://127.0.0.1:{SmtpInbox.FreePort()}";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(BaseUrl + "/");
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

    public string BaseUrl { get; }

    public IReadOnlyList<TextRequest> To(string mobile) => [.. _requests.Where(r => r.To == mobile)];

    /// <summary>Answer every message to <paramref name="mobile"/> with <paramref name="status"/> from now on.</summary>
    public void Answer(string mobile, HttpStatusCode status) => _answers[mobile] = (int)status;

    /// <summary>Keep every request for <paramref name="mobile"/> waiting half a minute before answering, as a service that stopped responding.</summary>
    public void Hang(string mobile) => _hanging[mobile] = true;

    public void Dispose()
    {
        _stopped.Cancel();
        _listener.Stop();
        _listener.Close();
        _stopped.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                _ = Task.Run(() => AnswerAsync(context));
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var form = ParseForm(await reader.ReadToEndAsync());
            var request = new TextRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], form);
            _requests.Enqueue(request);
            if (_hanging.ContainsKey(request.To))
            {
                await Task.Delay(TimeSpan.FromSeconds(30), _stopped.Token);
            }

            var status = _answers.GetValueOrDefault(request.To, 201);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var answer = status == 201
                ? $$"""{"sid":"SM{{Guid.NewGuid():N}}","status":"queued"}"""
                : $$"""{"code":21211,"message":"Answered {{status}} by the test","status":{{status}}}""";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(answer));
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            context.Response.Abort();
        }
    }

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "");
}
