using Caseload.Web.Data;
using Caseload.Web.Features.Portal;
using Caseload.Web.Features.Reminders;

namespace Caseload.Web.Workers;

/// <summary>
/// Sends the portal's emails (invitations, sign-in codes) one after another as they are queued. A failed send is
/// logged and not retried: a code is short-lived anyway, and the client asks again.
/// </summary>
internal sealed class PortalMailWorker(PortalOutbox queue, IServiceScopeFactory scopes, KeptPractice practice, ILogger<PortalMailWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var email in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var delivery = scope.ServiceProvider.GetRequiredService<EmailDelivery>();
                if (!delivery.Configured)
                {
                    logger.LogWarning("A client portal email was not sent: no email server is configured.");
                    continue;
                }

                await delivery.SendAsync(await practice.NameAsync(stoppingToken),
                    new OutgoingEmail(email.To, email.Subject, email.Text, email.Html, email.MessageId), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "A client portal email could not be sent; the client can ask again.");
            }
        }
    }
}
