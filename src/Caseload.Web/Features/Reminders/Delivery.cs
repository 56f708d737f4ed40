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

/// <summary>A delivery that failed but may work later (the server was down, a timeout).</summary>
public sealed class TransientDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

public sealed record OutgoingEmail(string To, string Subject, string Text, string Html, string MessageId);

/// <summary>Sends email over SMTP with MailKit, plain text and HTML, from the practice.</summary>
[FeatureApi]
public sealed class EmailDelivery(Microsoft.Extensions.Options.IOptions<EmailOptions> options)
{
    public bool Configured => options.Value.Configured;

    public async Task SendAsync(string practiceName, OutgoingEmail email, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage { Subject = email.Subject, MessageId = email.MessageId };
        message.From.Add(new MailboxAddress(practiceName, o.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();

        using var smtp = new SmtpClient();
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(o.Host!, o.Port, security, ct);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await smtp.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            }

            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or MailKit.ServiceNotConnectedException
            or SmtpCommandException { ErrorCode: SmtpErrorCode.UnexpectedStatusCode }
            or SmtpCommandException { StatusCode: >= (SmtpStatusCode)400 and < (SmtpStatusCode)500 })
        {
            // 4xx replies are SMTP's "try again later" (RFC 5321 4.2.1), greylisting among them.
            throw new TransientDeliveryException($"Email server: {e.Message}", e);
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
        catch (HttpRequestException e)
        {
            throw new TransientDeliveryException($"Text service: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            // The request may have reached the service before the time ran out: sending again could send twice.
            throw new InvalidOperationException(
                "The text service did not answer in time: it may or may not have been delivered, so it was not sent again.", e);
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
