using Caseload.Web.Tests.Scheduling;
using Ical.Net;
using MimeKit;
using NodaTime;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Reminders;

/// <summary>
/// An email reminder carries the client's own appointment as a small <c>.ics</c> that parses with Ical.Net: the
/// practice, the time in the practice's zone and the location, and nothing of the group, the service or other
/// clients; delivered over real SMTP (an in-test server).
/// </summary>
public abstract class ReminderAttachmentTests(ReminderApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmailReminder_CarriesTheClientsOwnAppointmentAsAnIcs_WithNoClinicalDetailOrOtherClients()
    {
        var setup = await app.RemindedGroupAsync((true, false), (true, false));
        var start = app.At(days: 4);
        var appointment = (await setup.Http.BookOneAsync(setup.Session(start))).Id();
        var startsAt = InstantOf(start);

        app.TurnClockTo(startsAt - Duration.FromHours(48) + Duration.FromMinutes(1));
        await app.RunReminderWorkerAsync();

        var message = Assert.Single(app.Inbox.To(setup.Members[0].Email));
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments), exactMatch: false);
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        Assert.Equal("PUBLISH", attachment.ContentType.Parameters["method"]);
        Assert.Equal("appointment.ics", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content, Ct);
        var text = System.Text.Encoding.UTF8.GetString(content.ToArray());
        var calendar = Calendar.Load(text)!;

        Assert.Equal("PUBLISH", calendar.Method);
        var e = Assert.Single(calendar.Events);
        Assert.Equal($"appointment-{appointment}@caseload", e.Uid);
        Assert.Equal("America/New_York", e.DtStart!.TzId);
        Assert.Equal(startsAt.ToDateTimeUtc(), DateTime.SpecifyKind(e.DtStart.AsUtc, DateTimeKind.Utc));
        Assert.Equal(50, (int)(e.DtEnd!.AsUtc - e.DtStart.AsUtc).TotalMinutes);
        Assert.Equal("Room 4", e.Location);
        Assert.StartsWith("Appointment with ", e.Summary, StringComparison.Ordinal);
        Assert.Empty(e.Attendees);
        Assert.Null(e.Organizer);
        Assert.Equal("America/New_York", Assert.Single(calendar.TimeZones).TzId);
        Assert.DoesNotContain(setup.GroupName, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("90853", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Member", text, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Members[1].Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(setup.Members[0].Email, text, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class ReminderAttachmentSqliteTests(SqliteReminderApp app) : ReminderAttachmentTests(app), IClassFixture<SqliteReminderApp>;

public sealed class ReminderAttachmentPostgresTests(PostgresReminderApp app) : ReminderAttachmentTests(app), IClassFixture<PostgresReminderApp>;
