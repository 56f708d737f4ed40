using Caseload.Domain.Reminders;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Tests.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caseload.Web.Tests.Scheduling;

/// <summary>
/// What a booking writes down and saves: one <c>create</c> per client for a single appointment or for a whole series
/// (naming the series), and every row of a series stored as the model says, though several rows go to a statement.
/// </summary>
public abstract class BookingAuditTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClientPayload EmailReminders(ClientPayload client) => client with { Reminders = new RemindersPayload(Email: true, Text: false) };

    private async Task<List<AuditEntry>> CreatesOfAsync(string clientId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.ClientId == clientId && e.Action == AuditActions.Create && e.EntityType == AuditEntities.Appointment).ToListAsync(Ct);
    }

    [Fact]
    public async Task BookingASeries_WritesOneCreatePerClientNamingTheSeriesAndItsAppointments()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 3);

        var booked = await setup.Http.BookAsync(setup.Session() with { Recurrence = RecurrencePayload.Weekly(5) });

        var seriesId = booked.GetProperty("seriesId").GetString();
        foreach (var member in setup.Members)
        {
            var entry = Assert.Single(await CreatesOfAsync(member));
            Assert.Equal((AuditEntities.Appointment, "series:" + seriesId, "allowed"), (entry.EntityType, entry.EntityId, entry.Outcome));
            Assert.Equal("series of 5 appointments 2026-12-08..2027-01-05", entry.Detail);
        }
    }

    [Fact]
    public async Task BookingOneAppointment_WritesOneCreatePerClientNamingTheAppointment()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 2);

        var appointment = await setup.Http.BookOneAsync(setup.Session());

        foreach (var member in setup.Members)
        {
            var entry = Assert.Single(await CreatesOfAsync(member));
            Assert.Equal((AuditEntities.Appointment, appointment.Id(), null), (entry.EntityType, entry.EntityId, entry.Detail));
        }
    }

    [Fact]
    public async Task BookingASeries_StoresEveryAppointmentInviteeAndReminderAsTheModelReadsThem()
    {
        var setup = await app.ClinicianWithGroupAsync(members: 0);
        string[] members = [await setup.MemberAsync(EmailReminders), await setup.MemberAsync(EmailReminders)];

        var booked = await setup.Http.BookAsync(setup.Session() with { Recurrence = RecurrencePayload.Weekly(30) });

        var ids = booked.Appointments().Select(a => a.Id()).ToList();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDbContext>();
        var stored = await db.Appointments.AsNoTracking().Include(a => a.Invitees).Where(a => ids.Contains(a.Id)).OrderBy(a => a.StartsAt).ToListAsync(Ct);
        Assert.Equal(30, stored.Count);
        Assert.All(stored, a => Assert.Equal(members.Order(), a.Invitees.Select(i => i.ClientId).Order()));
        Assert.Equal(new NodaTime.LocalDateTime(2026, 12, 8, 10, 0), stored[0].Start);
        Assert.Equal(30, await db.AppointmentEvents.CountAsync(e => ids.Contains(e.AppointmentId), Ct));
        var reminders = await db.Reminders.AsNoTracking().Where(r => ids.Contains(r.AppointmentId)).ToListAsync(Ct);
        Assert.Equal(30 * 2 * 2, reminders.Count);
        Assert.All(reminders, r => Assert.Equal(ReminderStatus.Pending, r.Status));
        Assert.All(reminders, r => Assert.Equal(stored.Single(a => a.Id == r.AppointmentId).StartsAt - NodaTime.Duration.FromHours(r.LeadHours), r.DueAt));
    }
}

public sealed class BookingAuditSqliteTests(SqliteApp app) : BookingAuditTests(app), IClassFixture<SqliteApp>;

public sealed class BookingAuditPostgresTests(PostgresApp app) : BookingAuditTests(app), IClassFixture<PostgresApp>;
