using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Clients;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Scheduling;
using NodaTime;
using static Caseload.Web.Tests.Reminders.RemindersApi;

namespace Caseload.Web.Tests.Reminders;

/// <summary>
/// Rule 10 over HTTP: every booking, edit, cancellation and preference change keeps an appointment's
/// reminders in step (GET /api/v1/appointments/{id}/reminders). The clock never moves in this class.
/// </summary>
public abstract class ReminderScheduleTests(CaseloadApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Instant DueBefore(string start, int hours) => InstantOf(start) - Duration.FromHours(hours);

    [Fact]
    public async Task GroupAppointment_GetsRemindersPerOptedInInviteeChannelAndLeadTime_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, false), (true, true), (false, false));
        var (emailOnly, both, optedOut) = (setup.Members[0], setup.Members[1], setup.Members[2]);
        var start = app.At(days: 7);

        var appointment = (await setup.Http.BookOneAsync(setup.Session(start))).Id();

        var reminders = await setup.Http.RemindersOfAsync(appointment);
        Assert.Equal(
            [("email", DueBefore(start, 48), "pending"), ("email", DueBefore(start, 2), "pending")],
            reminders.Of(emailOnly.Id));
        Assert.Equal(
            new[] { ("email", DueBefore(start, 48), "pending"), ("email", DueBefore(start, 2), "pending"),
                ("text", DueBefore(start, 48), "pending"), ("text", DueBefore(start, 2), "pending") }.Order().ToArray(),
            reminders.Of(both.Id));
        Assert.Empty(reminders.Of(optedOut.Id));
        Assert.Equal(6, reminders.Length);
    }

    [Fact]
    public async Task IndividualAppointment_GetsRemindersForItsClientAlike_Rule10()
    {
        var clinician = await app.StaffAsync("Clinician");
        var client = await clinician.Client.RemindedClientAsync(clinician.ClinicianId!, email: false, text: true);
        var start = app.At(days: 5, hour: 15);

        var appointment = (await clinician.Client.BookOneAsync(SchedulingApi.Individual(clinician.ClinicianId, client.Id, start))).Id();

        Assert.Equal(
            [("text", DueBefore(start, 48), "pending"), ("text", DueBefore(start, 2), "pending")],
            (await clinician.Client.RemindersOfAsync(appointment)).Of(client.Id));
    }

    [Fact]
    public async Task Reminders_AreWrittenWithThePracticesOffsetAndLeadHours_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, false));

        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7, hour: 10)))).Id();

        var early = (await setup.Http.RemindersOfAsync(appointment)).One(setup.Members[0].Id, "email", 48);
        Assert.EndsWith("10:00:00-05:00", early.Text("dueAt"), StringComparison.Ordinal);
    }

    /// <remarks>New York springs forward on 14 March 2027: 48 real hours before Monday 10:00 EDT is Saturday 09:00 EST.</remarks>
    [Fact]
    public async Task Reminder_48HoursBeforeASessionAcrossTheSpringForwardChange_Is48RealHoursBefore_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, false));

        var appointment = (await setup.Http.BookOneAsync(setup.Session("2027-03-15T10:00:00-04:00"))).Id();

        var early = (await setup.Http.RemindersOfAsync(appointment)).One(setup.Members[0].Id, "email", 48);
        Assert.Equal("2027-03-13T09:00:00-05:00", early.Text("dueAt"));
    }

    [Fact]
    public async Task Reminder_BookedInsideTheLeadWindow_IsNotPlanned_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true));
        var tomorrow = app.At(days: 1, hour: 9);

        var appointment = (await setup.Http.BookOneAsync(setup.Session(tomorrow))).Id();

        Assert.Equal(
            [("email", DueBefore(tomorrow, 2), "pending"), ("text", DueBefore(tomorrow, 2), "pending")],
            (await setup.Http.RemindersOfAsync(appointment)).Of(setup.Members[0].Id));
    }

    [Fact]
    public async Task Reminders_OfEachOccurrenceOfASeries_AreDueBeforeThatOccurrence_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, false));

        var series = (await setup.Http.BookAsync(setup.Session(app.At(days: 7)) with { Recurrence = RecurrencePayload.Weekly(3) })).Appointments();

        foreach (var occurrence in series)
        {
            var start = occurrence.Text("start");
            Assert.Equal(
                [("email", DueBefore(start, 48), "pending"), ("email", DueBefore(start, 2), "pending")],
                (await setup.Http.RemindersOfAsync(occurrence.Id())).Of(setup.Members[0].Id));
        }
    }

    [Fact]
    public async Task CancellingTheAppointment_CancelsItsPendingReminders_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true), (true, false));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();

        var response = await setup.Http.CancelAppointmentAsync(appointment);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var reminders = await setup.Http.RemindersOfAsync(appointment);
        Assert.Equal(6, reminders.Length);
        Assert.All(reminders, r => Assert.Equal("cancelled", r.Text("status")));
    }

    [Fact]
    public async Task MovingTheStartWithPatch_MovesThePendingReminders_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true));
        var member = setup.Members[0].Id;
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();
        var moved = app.At(days: 8, hour: 14);

        var response = await setup.Http.PatchAppointmentAsync(appointment, new { start = moved });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var reminders = await setup.Http.RemindersOfAsync(appointment);
        Assert.Equal(
            new[] { ("email", DueBefore(moved, 48)), ("email", DueBefore(moved, 2)), ("text", DueBefore(moved, 48)), ("text", DueBefore(moved, 2)) }
                .Order().ToArray(),
            reminders.Of(member).Where(r => r.Status == "pending").Select(r => (r.Channel, r.DueAt)).ToArray());
        Assert.Equal(4, reminders.Count(r => r.Text("status") == "cancelled"));
    }

    [Fact]
    public async Task ChangingOnlyTheRoomWithPatch_KeepsThePendingRemindersAsTheyAre_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, false));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();
        var before = (await setup.Http.RemindersOfAsync(appointment)).Select(r => r.Text("id")).Order().ToArray();

        var response = await setup.Http.PatchAppointmentAsync(appointment, new { location = "Room 9" });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var after = await setup.Http.RemindersOfAsync(appointment);
        Assert.Equal(before, after.Select(r => r.Text("id")).Order().ToArray());
        Assert.All(after, r => Assert.Equal("pending", r.Text("status")));
    }

    [Fact]
    public async Task RemovingAnInviteeBeforeTheDay_CancelsTheirPendingRemindersOnly_Rule6_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true), (true, false));
        var (removed, staying) = (setup.Members[0], setup.Members[1]);
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();

        var response = await setup.Http.DeleteAsync($"/api/v1/appointments/{appointment}/invitees/{removed.Id}", Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var reminders = await setup.Http.RemindersOfAsync(appointment);
        Assert.Equal(4, reminders.Of(removed.Id).Length);
        Assert.All(reminders.Of(removed.Id), r => Assert.Equal("cancelled", r.Status));
        Assert.Equal(2, reminders.Of(staying.Id).Length);
        Assert.All(reminders.Of(staying.Id), r => Assert.Equal("pending", r.Status));
    }

    [Fact]
    public async Task MarkingAClientMissedOnTheDay_CancelsTheirRemainingReminder_AndUndoingPlansItAgain_Rule7_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, false), (true, false));
        var (missing, coming) = (setup.Members[0], setup.Members[1]);
        var tonight = app.At(days: 0, hour: 18);
        var appointment = (await setup.Http.BookOneAsync(setup.Session(tonight))).Id();

        var missed = await setup.Http.PostAsJsonAsync($"/api/v1/appointments/{appointment}/invitees/{missing.Id}/missed",
            new { reason = "Called to say she is unwell", charge = 0m }, Ct);

        Assert.True(missed.IsSuccessStatusCode, await missed.Content.ReadAsStringAsync(Ct));
        var reminders = await setup.Http.RemindersOfAsync(appointment);
        Assert.Equal([("email", DueBefore(tonight, 2), "cancelled")], reminders.Of(missing.Id));
        Assert.Equal([("email", DueBefore(tonight, 2), "pending")], reminders.Of(coming.Id));

        var undone = await setup.Http.DeleteAsync($"/api/v1/appointments/{appointment}/invitees/{missing.Id}/missed", Ct);

        Assert.True(undone.IsSuccessStatusCode, await undone.Content.ReadAsStringAsync(Ct));
        Assert.Contains(("email", DueBefore(tonight, 2), "pending"), (await setup.Http.RemindersOfAsync(appointment)).Of(missing.Id));
    }

    [Fact]
    public async Task SyncingTheRosterToFutureAppointments_PlansTheNewMembersRemindersAndCancelsTheDepartedOnes_Rule5_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, false), (false, true));
        var (leaving, staying) = (setup.Members[0], setup.Members[1]);
        var start = app.At(days: 7);
        var appointment = (await setup.Http.BookOneAsync(setup.Session(start))).Id();
        var joining = await setup.Http.RemindedClientAsync(setup.ClinicianId, email: true, text: true, "Joiner");
        await SchedulingApi.AddMemberAsync(setup.Http, setup.GroupId, joining.Id);
        (await setup.Http.DeleteAsync($"/api/v1/groups/{setup.GroupId}/members/{leaving.Id}", Ct)).EnsureSuccessStatusCode();

        var response = await setup.Http.PostAsync($"/api/v1/groups/{setup.GroupId}/sync-future-appointments", null, Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var reminders = await setup.Http.RemindersOfAsync(appointment);
        Assert.Equal(
            new[] { ("email", DueBefore(start, 48), "pending"), ("email", DueBefore(start, 2), "pending"),
                ("text", DueBefore(start, 48), "pending"), ("text", DueBefore(start, 2), "pending") }.Order().ToArray(),
            reminders.Of(joining.Id));
        Assert.All(reminders.Of(leaving.Id), r => Assert.Equal("cancelled", r.Status));
        Assert.All(reminders.Of(staying.Id), r => Assert.Equal("pending", r.Status));
    }

    [Fact]
    public async Task AClientTurningRemindersOff_CancelsTheirPendingRemindersOnly_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true), (true, false));
        var (quitting, staying) = (setup.Members[0], setup.Members[1]);
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();

        var response = await setup.Http.PutAsJsonAsync($"/api/v1/clients/{quitting.Id}",
            ClientsApi.NewClient(setup.ClinicianId, "Member0") with { Email = quitting.Email, Mobile = quitting.Mobile }, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var reminders = await setup.Http.RemindersOfAsync(appointment);
        Assert.All(reminders.Of(quitting.Id), r => Assert.Equal("cancelled", r.Status));
        Assert.Equal(4, reminders.Of(quitting.Id).Length);
        Assert.All(reminders.Of(staying.Id), r => Assert.Equal("pending", r.Status));
        Assert.Equal(2, reminders.Of(staying.Id).Length);
    }

    [Fact]
    public async Task AClientTurningTextRemindersOn_GetsTextRemindersForTheirFutureAppointments_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, false));
        var member = setup.Members[0];
        var start = app.At(days: 7);
        var appointment = (await setup.Http.BookOneAsync(setup.Session(start))).Id();

        var response = await setup.Http.PutAsJsonAsync($"/api/v1/clients/{member.Id}",
            ClientsApi.NewClient(setup.ClinicianId, "Member0") with { Email = member.Email, Mobile = member.Mobile, Reminders = new(Email: true, Text: true) }, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(
            new[] { ("email", DueBefore(start, 48), "pending"), ("email", DueBefore(start, 2), "pending"),
                ("text", DueBefore(start, 48), "pending"), ("text", DueBefore(start, 2), "pending") }.Order().ToArray(),
            (await setup.Http.RemindersOfAsync(appointment)).Of(member.Id));
    }

    [Fact]
    public async Task DischargingAClient_CancelsTheirPendingReminders_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true), (true, false));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();

        var response = await setup.Http.PostAsync($"/api/v1/clients/{setup.Members[0].Id}/discharge", null, Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var reminders = await setup.Http.RemindersOfAsync(appointment);
        Assert.All(reminders.Of(setup.Members[0].Id), r => Assert.Equal("cancelled", r.Status));
        Assert.All(reminders.Of(setup.Members[1].Id), r => Assert.Equal("pending", r.Status));
    }

    [Fact]
    public async Task ReminderLog_ForTheFrontDesk_ListsRemindersFilteredByStatusAndChannel_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.GetAsync("/api/v1/reminders?status=pending&channel=text", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray().ToArray();
        Assert.All(log, r => Assert.Equal(("text", "pending"), (r.Text("channel"), r.Text("status"))));
        Assert.Equal(2, log.Count(r => r.Text("appointmentId") == appointment));
    }

    [Theory]
    [InlineData("status", "bogus")]
    [InlineData("channel", "pigeon")]
    public async Task ReminderLog_WithAnUnknownStatusOrChannel_IsRefusedNamingTheField(string field, string value)
    {
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.GetAsync($"/api/v1/reminders?{field}={value}", Ct);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task ReminderLog_ForAClinician_IsForbidden_Rule10()
    {
        var clinician = await app.StaffAsync("Clinician");

        var response = await clinician.Client.GetAsync("/api/v1/reminders", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ReminderLog_WithAnUnreadableDate_IsRefusedNamingTheField()
    {
        var scheduler = await app.StaffAsync("Scheduler");

        var response = await scheduler.Client.GetAsync("/api/v1/reminders?from=yesterday", Ct);

        await response.AssertFieldErrorAsync("from");
    }

    [Fact]
    public async Task RemindersOfAnotherCliniciansAppointment_AreNotFoundForAClinician_Rule10()
    {
        var setup = await app.RemindedGroupAsync((true, true));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();
        var other = await app.StaffAsync("Clinician");

        var response = await other.Client.GetAsync($"/api/v1/appointments/{appointment}/reminders", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(4, (await setup.Http.RemindersOfAsync(appointment)).Length);
    }

    [Fact]
    public async Task RemindersOfAnyAppointment_AreReadableByTheFrontDesk_Rule10()
    {
        var setup = await app.RemindedGroupAsync((false, true));
        var appointment = (await setup.Http.BookOneAsync(setup.Session(app.At(days: 7)))).Id();
        var scheduler = await app.StaffAsync("Scheduler");

        Assert.Equal(2, (await scheduler.Client.RemindersOfAsync(appointment)).Length);
    }
}

public sealed class ReminderScheduleSqliteTests(SqliteApp app) : ReminderScheduleTests(app), IClassFixture<SqliteApp>;

public sealed class ReminderSchedulePostgresTests(PostgresApp app) : ReminderScheduleTests(app), IClassFixture<PostgresApp>;
