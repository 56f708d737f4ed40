using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Caseload.Web.Tests.Reminders;
using Caseload.Web.Tests.Scheduling;
using Caseload.Web.Workers;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Caseload.Web.Tests.Portal;

/// <summary>
/// Nothing about other members anywhere a client can reach: a group scenario is played through the portal (a past
/// session billed, a full session with a waitlist, a seat freed and offered by email and taken, a seat booked, a late
/// cancellation priced and confirmed, reminders sent), and then every answer of every portal route, every <c>.ics</c>
/// and every email each client received is scanned for any other member's id, last name or email, and for the
/// group's internal name.
/// </summary>
public abstract class PortalLeakScanTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Everything one client was answered or sent, each piece named by where it came from.</summary>
    private sealed class Reached(SceneClient client, HttpClient http)
    {
        public SceneClient Client => client;

        public List<(string From, string Text)> Pieces { get; } = [];

        public async Task<string> AddAsync(string what, Task<HttpResponseMessage> request)
        {
            var response = await request;
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode} {body}");
            Pieces.Add((what, body));
            return body;
        }

        public Task<string> GetAsync(string path) => AddAsync("GET " + path, http.GetAsync(path, Ct));

        public Task<string> PostAsync(string path, object? body) => AddAsync("POST " + path, http.PostAsJsonAsync(path, body, Ct));

        /// <summary>Every read route of the portal, and the <c>.ics</c> of each session the client is shown.</summary>
        public async Task ReadEverythingAsync()
        {
            await GetAsync(PortalApi.Me);
            await GetAsync(PortalRoutesApi.Openings);
            await GetAsync(PortalRoutesApi.Waitlist);
            await GetAsync(PortalRoutesApi.Invoices);
            await GetAsync(PortalRoutesApi.Statement);
            var appointments = JsonDocument.Parse(await GetAsync(PortalRoutesApi.Appointments)).RootElement;
            foreach (var appointment in appointments.EnumerateArray())
            {
                await GetAsync($"{PortalRoutesApi.Appointments}/{appointment.Text("id")}.ics");
            }
        }

        public void AddEmails(SmtpInbox inbox)
        {
            foreach (var message in inbox.To(client.Email))
            {
                Pieces.Add(($"email \"{message.Subject}\"", Everything(message)));
            }
        }
    }

    /// <summary>The headers that name people, the subject, and every part of the message decoded (text, html, attachments).</summary>
    private static string Everything(MimeMessage message)
    {
        var text = new StringBuilder()
            .AppendLine(message.To.ToString()).AppendLine(message.Cc.ToString()).AppendLine(message.Bcc.ToString())
            .AppendLine(message.ReplyTo.ToString()).AppendLine(message.Subject);
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            using var decoded = new MemoryStream();
            part.Content?.DecodeTo(decoded);
            text.AppendLine(Encoding.UTF8.GetString(decoded.ToArray()));
        }

        return text.ToString();
    }

    [Fact]
    public async Task EveryPortalAnswerEmailAndIcs_InAGroupScenario_NamesNoOtherMember()
    {
        var booking = await app.BookingSceneAsync();
        var (scene, dave) = (booking.Scene, booking.Dave);
        var alice = new Reached(scene.Alice, booking.Of(scene.Alice));
        var daves = new Reached(dave, booking.Of(dave));

        await scene.GroupSessionAsync(AttendanceApi.At(app, -3));
        var full = await scene.GroupSessionAsync(AttendanceApi.At(app, 7));
        var withASeat = await scene.GroupSessionAsync(AttendanceApi.At(app, 14));
        var tomorrow = await scene.GroupSessionAsync(AttendanceApi.At(app, 1, hour: 9));
        Assert.Equal(HttpStatusCode.NoContent,
            (await scene.Http.DeleteAsync($"/api/v1/appointments/{withASeat}/invitees/{scene.Carol.Id}", Ct)).StatusCode);

        await daves.PostAsync(PortalRoutesApi.Bookings, new { appointmentId = full });
        var place = JsonDocument.Parse(await daves.PostAsync(PortalRoutesApi.Waitlist, new { appointmentId = full })).RootElement.Text("id");
        await daves.PostAsync(PortalRoutesApi.Bookings, new { appointmentId = withASeat });
        await booking.Of(scene.Bob).CancelAsync(full);
        await app.Services.GetRequiredService<WaitlistWorker>().RunOnceAsync(Ct);
        await daves.GetAsync(PortalRoutesApi.Waitlist);
        await daves.PostAsync($"{PortalRoutesApi.Waitlist}/{place}/accept", null);
        await alice.PostAsync($"{PortalRoutesApi.Appointments}/{tomorrow}/cancel", new { });
        await alice.PostAsync($"{PortalRoutesApi.Appointments}/{tomorrow}/cancel", new { confirmLateFee = true });
        await app.RunReminderWorkerAsync();

        SceneClient[] everyone = [scene.Alice, scene.Bob, scene.Carol, dave];
        foreach (var reached in new[] { alice, daves })
        {
            await reached.ReadEverythingAsync();
            reached.AddEmails(app.Inbox);
            var all = string.Join("\n", reached.Pieces.Select(p => p.Text));
            Assert.Contains(scene.ClientTitle, all, StringComparison.Ordinal);
            Assert.Contains(reached.Client.LastName, all, StringComparison.Ordinal);
            Assert.Contains(reached.Pieces, p => p.From.EndsWith(".ics", StringComparison.Ordinal) && p.Text.Contains("BEGIN:VEVENT", StringComparison.Ordinal));
            foreach (var (from, text) in reached.Pieces)
            {
                Assert.False(text.Contains(scene.InternalName, StringComparison.Ordinal), $"{from} names the group's internal name");
                foreach (var other in everyone.Where(c => c.Id != reached.Client.Id))
                {
                    foreach (var trace in other.Traces)
                    {
                        Assert.False(text.Contains(trace, StringComparison.OrdinalIgnoreCase),
                            $"{from}, shown to {reached.Client.FirstName}, has {other.FirstName}'s \"{trace}\"");
                    }
                }
            }
        }

        Assert.Contains(daves.Pieces, p => p.From.StartsWith("email", StringComparison.Ordinal) && p.Text.Contains("A seat is held for you", StringComparison.Ordinal));
        Assert.Contains(alice.Pieces, p => p.Text.Contains("late-cancel-fee", StringComparison.Ordinal));
    }
}

public sealed class PortalLeakScanSqliteTests(SqliteReminderApp app) : PortalLeakScanTests(app), IClassFixture<SqliteReminderApp>;

public sealed class PortalLeakScanPostgresTests(PostgresReminderApp app) : PortalLeakScanTests(app), IClassFixture<PostgresReminderApp>;
