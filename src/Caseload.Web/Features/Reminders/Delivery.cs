using System.Net.Http.Headers;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Caseload.Web.Features.Reminders;

/// <summary>SMTP settings (<c>Caseload:Email</c>). Without a host, email reminders are off.</summary>
[FeatureApi]
public sealed class EmailOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (the default) or SslOnConnect.</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "reminders@localhost";

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>A Twilio-compatible messages API (<c>Caseload:Text</c>). Without a base URL, text reminders are off.</summary>
[FeatureApi]
public sealed class TextOptions
{
    public string? BaseUrl { get; set; }

    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    public string? From { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(AccountSid);
}

/// <summary>A delivery that failed but may work later (the server was down or said "try again later"); nothing was handed over.</summary>
[FeatureApi]
public sealed class TransientDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The hand-over began and broke off without an answer (a dropped connection, a timeout): the
/// message may or may not have been delivered, so it must not be sent again (at most once).
/// Retrying will not mend it, as with any <see cref="InvalidOperationException"/>.
/// </summary>
[FeatureApi]
public sealed class UncertainDeliveryException(string message, Exception? inner = null)
    : InvalidOperationException(message + ": it may or may not have been delivered, so it was not sent again.", inner);

/// <summary>A file sent with an email, such as a reminder's <c>.ics</c>.</summary>
[FeatureApi]
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

[FeatureApi]
public sealed record OutgoingEmail(string To, string Subject, string Text, string Html, string MessageId, EmailAttachment? Attachment = null);

/// <summary>
/// Sends email over SMTP with MailKit, plain text and HTML, from the practice. One instance (a
/// scope) keeps one connection open for all it sends, connecting again after a failure, and says
/// goodbye (QUIT) when the scope ends: a batch of reminders costs one connection, not one each.
/// A connection that fails to open is not tried again within the scope.
/// </summary>
[FeatureApi]
public sealed class EmailDelivery(Microsoft.Extensions.Options.IOptions<EmailOptions> options) : IAsyncDisposable
{
    /// <summary>How long to wait for the server at each step; a hand-over cut off by it counts as maybe delivered.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private HandOverClient? _smtp;
    private string? _unreachable;

    public bool Configured => options.Value.Configured;

    /// <summary>
    /// Hands one message to the server. Failing before the hand-over (connecting, signing in, the envelope) or with
    /// the server's own answer is certain and throws <see cref="TransientDeliveryException"/> for a
    /// 4xx answer or a connection that could not be made, <see cref="SmtpCommandException"/> for a
    /// refusal; a hand-over broken off without an answer throws <see cref="UncertainDeliveryException"/>.
    /// </summary>
    public async Task SendAsync(string practiceName, OutgoingEmail email, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId };
        message.From.Add(new MailboxAddress(practiceName, o.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        var body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html };
        if (email.Attachment is { } file)
        {
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        }

        message.Body = body.ToMessageBody();

        for (var attempt = 1; ; attempt++)
        {
            var smtp = await ConnectedAsync(ct);
            var reused = smtp.Messages > 0;
            smtp.HandingOver = false;
            try
            {
                await smtp.SendAsync(message, ct);
                return;
            }
            catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.UnexpectedStatusCode
                || e.StatusCode is >= (SmtpStatusCode)400 and < (SmtpStatusCode)500)
            {
                // 4xx replies are SMTP's "try again later" (RFC 5321 4.2.1), greylisting among them.
                throw new TransientDeliveryException($"Email server: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException
                or MailKit.ServiceNotConnectedException or TimeoutException)
            {
                Drop();
                if (smtp.HandingOver)
                {
                    throw new UncertainDeliveryException($"The email server stopped answering while taking the message ({e.Message})", e);
                }

                // Before the data nothing can have been delivered. A server may close a connection kept
                // open between messages (an idle or per-connection limit): one new connection is tried.
                if (!reused || attempt > 1)
                {
                    throw new TransientDeliveryException($"Email server: {e.Message}", e);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_smtp is { IsConnected: true } smtp)
        {
            try
            {
                using var quitting = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await smtp.DisconnectAsync(quit: true, quitting.Token);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException
                or SmtpCommandException or OperationCanceledException)
            {
                // Everything was sent already; a goodbye the server did not hear changes nothing.
            }
        }

        Drop();
    }

    private async Task<HandOverClient> ConnectedAsync(CancellationToken ct)
    {
        if (_smtp is { IsConnected: true } open)
        {
            return open;
        }

        // A server that could not be reached a moment ago is not tried again for every message of a batch.
        if (_unreachable is not null)
        {
            throw new TransientDeliveryException(_unreachable);
        }

        Drop();
        var o = options.Value;
        var smtp = new HandOverClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(await OpenSocketAsync(o.Host!, o.Port, ct), o.Host!, o.Port, security, ct);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await smtp.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException
            or MailKit.ServiceNotConnectedException or TimeoutException or SmtpCommandException or AuthenticationException)
        {
            smtp.Dispose();
            _unreachable = $"Email server: {e.Message}";
            throw new TransientDeliveryException(_unreachable, e);
        }

        _smtp = smtp;
        return smtp;
    }

    /// <summary>
    /// A TCP connection with Nagle's algorithm off. A message ends with a short write (the final dot)
    /// right after a long one; with Nagle on, that dot waits for the server's delayed acknowledgement,
    /// about 40 ms per message on a connection that sends many.
    /// </summary>
    private static async Task<System.Net.Sockets.Socket> OpenSocketAsync(string host, int port, CancellationToken ct)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Timeout);
            await socket.ConnectAsync(host, port, patience.Token);
            return socket;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"No connection to {host}:{port} within {Timeout.TotalSeconds:0} seconds.", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Drop()
    {
        _smtp?.Dispose();
        _smtp = null;
    }

    /// <summary>
    /// Knows whether the current message's hand-over has begun: once the server accepted its recipient,
    /// the data follows, and from then on a broken connection may leave it delivered.
    /// </summary>
    private sealed class HandOverClient : SmtpClient
    {
        /// <summary>How many messages this connection has handed over so far.</summary>
        public int Messages { get; private set; }

        public bool HandingOver { get; set; }

        protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        {
            HandingOver = true;
            base.OnRecipientAccepted(message, mailbox, response);
        }

        protected override void OnMessageSent(MailKit.MessageSentEventArgs e)
        {
            Messages++;
            HandingOver = false;
            base.OnMessageSent(e);
        }
    }
}

/// <summary>Sends text messages through a Twilio-compatible HTTP API.</summary>
[FeatureApi]
public sealed class TextDelivery(HttpClient http, Microsoft.Extensions.Options.IOptions<TextOptions> options)
{
    public bool Configured => options.Value.Configured;

    public async Task SendAsync(string to, string body, CancellationToken ct)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{o.BaseUrl!.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(o.AccountSid!)}/Messages.json")
        {
            Content = new FormUrlEncodedContent([new("To", to), new("From", o.From ?? ""), new("Body", body)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.AccountSid}:{o.AuthToken}")));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
        {
            // No connection was made, so nothing was sent.
            throw new TransientDeliveryException($"Text service: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new UncertainDeliveryException($"The text service broke off the request ({e.Message})", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            // The request may have reached the service before the time ran out: sending again could send twice.
            throw new UncertainDeliveryException("The text service did not answer in time", e);
        }

        using (response)
        {
            if ((int)response.StatusCode is 429 or >= 500)
            {
                throw new TransientDeliveryException($"Text service answered {(int)response.StatusCode}.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Text service refused the message ({(int)response.StatusCode}): "
                    + await response.Content.ReadAsStringAsync(ct));
            }
        }
    }
}
