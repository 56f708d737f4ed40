using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Caseload.Web.Tests.Reminders;

/// <summary>
/// A real SMTP server inside the test (the <c>SmtpServer</c> package) on a free loopback port; it
/// keeps every message it is handed and counts the connections made to it. It can be told to hold
/// messages, as a server that accepts the data and then stops answering does, or to drop the
/// connection once a message's data is in, as a server that goes away mid-delivery does.
/// </summary>
public sealed class SmtpInbox : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly ConcurrentQueue<string> _dropped = new();
    private readonly ConcurrentDictionary<string, SmtpResponse> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private volatile TaskCompletionSource _gate = Open();
    private string[] _dropFirstTo = [];
    private int _connections;

    public SmtpInbox()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _connections);
        _ = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>How many SMTP connections have been opened to the server so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Addresses whose message was dropped with its connection: handed over, never answered.</summary>
    public IReadOnlyList<string> Dropped => [.. _dropped];

    /// <summary>Raised with each message as its data arrives, before the server answers.</summary>
    public event Action<MimeMessage>? Arrived;

    /// <summary>Messages to <paramref name="address"/> that reached the server, held ones included: once the data is in, it may have been delivered.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. _messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>From now on the server answers the data of every message to <paramref name="address"/> with <paramref name="code"/>, keeping none.</summary>
    public void Answer(string address, int code, string text) => _answers[address] = new SmtpResponse((SmtpReplyCode)code, text);

    /// <summary>How many times a message to <paramref name="address"/> was handed over and refused.</summary>
    public int RefusedTo(string address) => _refused.Count(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>From now on the server takes each message's data but does not answer until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    /// <summary>
    /// The next message to any of <paramref name="addresses"/> is taken in full and then its connection
    /// is closed without an answer, once; the server keeps it nowhere (see <see cref="Dropped"/>).
    /// </summary>
    public void DropFirstTo(params string[] addresses) => Volatile.Write(ref _dropFirstTo, addresses);

    public async ValueTask DisposeAsync()
    {
        Release();
        _server.Shutdown();
        await _stop.CancelAsync();
        await Task.WhenAny(_server.ShutdownTask, Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private sealed class Store(SmtpInbox inbox) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var refusal = message.To.Mailboxes.Select(m => inbox._answers.GetValueOrDefault(m.Address)).FirstOrDefault(a => a is not null);
            if (refusal is not null)
            {
                inbox._refused.Enqueue(message.To.Mailboxes.First().Address);
                return refusal;
            }

            var address = message.To.Mailboxes.First().Address;
            var targets = Volatile.Read(ref inbox._dropFirstTo);
            if (targets.Contains(address, StringComparer.OrdinalIgnoreCase)
                && Interlocked.CompareExchange(ref inbox._dropFirstTo, [], targets) == targets)
            {
                inbox._dropped.Enqueue(address);
                context.Pipe.Dispose();
                throw new IOException("The test server dropped the connection after the data.");
            }

            inbox._messages.Enqueue(message);
            inbox.Arrived?.Invoke(message);
            await inbox._gate.Task.WaitAsync(cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
