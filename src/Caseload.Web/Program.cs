using Caseload.Web;
using Caseload.Web.Api;
using Caseload.Web.Api.Account;
using Caseload.Web.Api.Audit;
using Caseload.Web.Api.Billing;
using Caseload.Web.Api.Insurance;
using Caseload.Web.Api.CalendarFeeds;
using Caseload.Web.Api.Clients;
using Caseload.Web.Api.Groups;
using Caseload.Web.Api.Notes;
using Caseload.Web.Api.Portal;
using Caseload.Web.Api.Reminders;
using Caseload.Web.Api.Reports;
using Caseload.Web.Api.Scheduling;
using Caseload.Web.Api.Search;
using Caseload.Web.Api.Settings;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features;
using Caseload.Web.Features.Account;
using Caseload.Web.Features.Billing;
using Caseload.Web.Features.CalendarFeeds;
using Caseload.Web.Features.Clients;
using Caseload.Web.Features.Groups;
using Caseload.Web.Features.Notes;
using Caseload.Web.Features.Portal;
using Caseload.Web.Features.Portal.Booking;
using Caseload.Web.Features.Portal.Sessions;
using Caseload.Web.Features.Reminders;
using Caseload.Web.Features.Reports;
using Caseload.Web.Features.Scheduling;
using Caseload.Web.Features.Search;
using Caseload.Web.Features.Settings.Practice;
using Caseload.Web.Features.Settings.Reminders;
using Caseload.Web.Features.Settings.ServiceCodes;
using Caseload.Web.Features.Settings.Users;
using Caseload.Web.Features.Settings.NoteTemplates;
using Caseload.Web.Fhir;
using Caseload.Web.Setup;
using Caseload.Web.Workers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddCaseloadDatabase();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Clock>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddCaseloadAuth();
builder.Services.AddRequestHardening(builder.Configuration);
builder.Services.AddSignInThrottling(builder.Configuration);
builder.Services.AddDataProtection().SetApplicationName("Caseload").PersistKeysToDbContext<CaseloadDbContext>();
builder.Services.AddCaseloadHealth();
builder.AddCaseloadTelemetry();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.AddCode);
builder.Services.AddExceptionHandler<DatabaseOutages>();
builder.Services.AddExceptionHandler<MalformedRequestHandler>();
builder.Services.AddExceptionHandler<LostRaceHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
    o.SerializerOptions.Converters.Add(new MoneyJsonConverter());
});
builder.Services.AddOpenApi();
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToFolder("/Account");
    o.Conventions.AllowAnonymousToPage("/Status");
    o.Conventions.AuthorizeFolder("/Settings", Policies.Administers);
    o.Conventions.AuthorizeFolder("/Portal", Policies.PortalClient);
    o.Conventions.AllowAnonymousToPage("/Portal/SignIn");
    o.Conventions.AllowAnonymousToPage("/Portal/SignInCode");
    o.Conventions.AddPageRoute("/Dashboard/Index", "");
}).AddMvcOptions(o => o.Filters.Add<PageDates.Loader>());

builder.Services.AddScoped<Caseloads>();
builder.Services.AddScoped<AuditTrail>();
builder.Services.AddSingleton<AuditWriter>();
builder.Services.AddSingleton<KeptPractice>();
builder.Services.AddScoped<PageDates>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddScoped<Leases>();

// Settings and staff
builder.Services.AddScoped<CreateStaffUser>();
builder.Services.AddScoped<StaffList>();
builder.Services.AddScoped<ChangeStaffUser>();
builder.Services.AddScoped<DeactivateStaffUser>();
builder.Services.AddScoped<ReactivateStaffUser>();
builder.Services.AddScoped<ResetStaffPassword>();
builder.Services.AddScoped<ChangeServiceCode>();
builder.Services.AddScoped<ChangePracticeSettings>();
builder.Services.AddScoped<ExportPractice>();
builder.Services.AddScoped<Caseload.Web.Features.Settings.SystemStatus.ReadSystemStatus>();
builder.Services.AddScoped<DemoPractice>();
builder.Services.AddScoped<PrepareAuthenticator>();
builder.Services.AddScoped<TurnOnTwoFactor>();
builder.Services.AddScoped<TurnOffTwoFactor>();

// Clients and groups
builder.Services.AddScoped<ClientSearch>();
builder.Services.AddScoped<CreateClient>();
builder.Services.AddScoped<ChangeClient>();
builder.Services.AddScoped<ChangeClientBilling>();
builder.Services.AddScoped<DischargeClient>();
builder.Services.AddScoped<ReadmitClient>();
builder.Services.AddScoped<GroupList>();
builder.Services.AddScoped<GroupDetails>();
builder.Services.AddScoped<GroupChanges>();
builder.Services.AddScoped<CreateGroup>();
builder.Services.AddScoped<ChangeGroup>();
builder.Services.AddScoped<ArchiveGroup>();
builder.Services.AddScoped<RestoreGroup>();
builder.Services.AddScoped<AddGroupMember>();
builder.Services.AddScoped<RemoveGroupMember>();

// Scheduling and attendance
builder.Services.AddScoped<AppointmentFeed>();
builder.Services.AddScoped<AppointmentRecords>();
builder.Services.AddScoped<AppointmentHistory>();
builder.Services.AddScoped<AppointmentChanges>();
builder.Services.AddScoped<BookingPlanner>();
builder.Services.AddScoped<BookAppointment>();
builder.Services.AddScoped<CheckBooking>();
builder.Services.AddScoped<ChangeAppointment>();
builder.Services.AddScoped<CancelAppointment>();
builder.Services.AddScoped<AddInvitee>();
builder.Services.AddScoped<RemoveInvitee>();
builder.Services.AddScoped<MissedNotes>();
builder.Services.AddScoped<MarkInviteeMissed>();
builder.Services.AddScoped<UndoMissed>();
builder.Services.AddScoped<MarkInviteeAttended>();
builder.Services.AddScoped<MarkAllAttended>();
builder.Services.AddScoped<AttendanceChanges>();
builder.Services.AddScoped<DeleteAppointment>();
builder.Services.AddScoped<DeleteSeries>();
builder.Services.AddScoped<SyncRoster>();

// Group self-booking and waitlists: the client's use cases (the portal calls them), staff's, and the worker
builder.Services.AddScoped<MarkEligible>();
builder.Services.AddScoped<UnmarkEligible>();
builder.Services.AddScoped<SessionWaitlist>();
builder.Services.AddScoped<ReorderWaitlist>();
builder.Services.AddScoped<RemoveWaitlistEntry>();
builder.Services.AddScoped<SessionSeats>();
builder.Services.AddScoped<Waitlists>();
builder.Services.AddScoped<Openings>();
builder.Services.AddScoped<BookSeat>();
builder.Services.AddScoped<JoinWaitlist>();
builder.Services.AddScoped<LeaveWaitlist>();
builder.Services.AddScoped<ClientWaitlist>();
builder.Services.AddScoped<AcceptOffer>();
builder.Services.AddScoped<DeclineOffer>();
builder.Services.AddScoped<OfferEmails>();
builder.Services.AddSingleton<WaitlistWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<WaitlistWorker>());

// The calendar's quick view and the top bar's search
builder.Services.AddScoped<Caseload.Web.Features.Dashboard.ReadQuickView>();
builder.Services.AddScoped<FindAnything>();

// Billing and reports
builder.Services.AddScoped<IssueInvoices>();
builder.Services.AddScoped<InvoiceList>();
builder.Services.AddScoped<ClientLedger>();
builder.Services.AddScoped<TakePayment>();
builder.Services.AddScoped<RefundPayment>();
builder.Services.AddScoped<VoidInvoice>();
builder.Services.AddScoped<OutstandingBalances>();
builder.Services.AddScoped<ClaimsExport>();
builder.Services.AddScoped<AttendanceReport>();

// Insurance: claims, batches, remittances, payer payments
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.ClaimAssembly>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.ClaimList>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.ChangeClaimsSetup>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.ChangeClinicianBillingIdentity>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.BatchClaims>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.DownloadClaimBatch>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.ApplyRemittance>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.UnmatchedRemittanceList>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.PostPayerPayment>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.TakeBackPayerPayment>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.ClaimsByStatus>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.Superbill>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.ClaimBatches>();
builder.Services.AddScoped<Caseload.Web.Features.Billing.Insurance.ClaimHistory>();
builder.Services.AddSingleton<InvoiceWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<InvoiceWorker>());

// Notes
builder.Services.AddScoped<SessionNotes>();
builder.Services.AddScoped<ReadNote>();
builder.Services.AddScoped<SaveNoteDraft>();
builder.Services.AddScoped<SignNote>();
builder.Services.AddScoped<AddAddendum>();
builder.Services.AddScoped<StartNoteFromPrevious>();
builder.Services.AddScoped<StartNoteFromTemplate>();
builder.Services.AddScoped<NoteTemplateList>();
builder.Services.AddScoped<ChangeNoteTemplates>();
builder.Services.AddScoped<ChartNotes>();
builder.Services.AddScoped<NotesToSign>();

// Reminders
builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Caseload:Email"));
builder.Services.Configure<TextOptions>(builder.Configuration.GetSection("Caseload:Text"));
builder.Services.AddScoped<EmailDelivery>();
builder.Services.AddHttpClient<TextDelivery>(c => c.Timeout = TimeSpan.FromSeconds(20));
builder.Services.AddScoped<ReminderSender>();
builder.Services.AddScoped<ReminderSchedule>();
builder.Services.AddScoped<ReminderDispatch>();
builder.Services.AddScoped<SendTestReminder>();
builder.Services.AddScoped<ReminderLog>();
builder.Services.AddScoped<ChangeReminderTemplates>();
builder.Services.AddSingleton<ReminderWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderWorker>());

// The client portal: invitations, sign-in codes, the client's own account
builder.Services.AddScoped<InviteToPortal>();
builder.Services.AddScoped<WithdrawPortalInvitation>();
builder.Services.AddScoped<PortalAccess>();
builder.Services.AddScoped<RequestSignInCode>();
builder.Services.AddScoped<VerifySignInCode>();
builder.Services.AddScoped<SignOutOfPortal>();
builder.Services.AddScoped<ReadPortalProfile>();
builder.Services.AddScoped<PreparePortalAuthenticator>();
builder.Services.AddScoped<TurnOnPortalTwoFactor>();
builder.Services.AddScoped<TurnOffPortalTwoFactor>();
builder.Services.AddSingleton<PortalOutbox>();
builder.Services.AddHostedService<PortalMailWorker>();

// Calendar feeds
builder.Services.AddScoped<CreateCalendarFeed>();
builder.Services.AddScoped<RevokeCalendarFeed>();
builder.Services.AddScoped<CalendarFeedState>();
builder.Services.AddScoped<ServeCalendarFeed>();

// Client portal: the client's own sessions and bills
builder.Services.AddScoped<PortalClients>();
builder.Services.AddScoped<MySessions>();
builder.Services.AddScoped<MyAppointmentCalendar>();
builder.Services.AddScoped<CancelMySession>();
builder.Services.AddScoped<MyInvoices>();
builder.Services.AddScoped<MyStatement>();

// FHIR R4
builder.Services.AddFhir();

var app = builder.Build();
if (args is [var command, ..] && Backups.Commands.Contains(command))
{
    return await Backups.RunAsync(app.Services, args, Console.Out);
}

app.UseTrustedProxyHeaders();
app.UseSecurityHeaders();
app.UseWhen(ctx => ctx.IsApi() && !ctx.IsFhir(), api => api.UseExceptionHandler().UseStatusCodePages());
app.UseWhen(ctx => ctx.IsFhir(), fhir => fhir.UseFhirErrors());
app.UseWhen(ctx => !ctx.IsApi(), ui => ui.UseExceptionHandler("/Status").UseStatusCodePagesWithReExecute("/Status", "?code={0}"));
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseStaticFiles();
app.UseNoStore();
app.UseRouting();
app.UseSignInThrottling();
app.UseAuthentication();
app.UseLiveSessions();
app.UseMiddleware<AuditRefusals>();
app.UseAuthorization();
app.UseAntiforgeryForCookieApiCalls();
app.UseTwoFactorGate();
app.UseMiddleware<IdempotencyKeys>();

app.MapCaseloadHealth();
app.MapOpenApi();
// The reference page loads nothing from outside the app (no CDN fonts, no telemetry) and shows only this API,
// without Scalar's own offers (its API client, agent and developer tools).
app.MapScalarApiReference("/api/reference", o => o
    .WithTitle("Caseload API reference")
    .DisableDefaultFonts()
    .DisableTelemetry()
    .DisableAgent()
    .DisableMcp()
    .HideClientButton()
    .HideDeveloperTools());

var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in");
auth.MapIdentityApi<StaffUser>().HideSelfRegistration();
auth.AskForTheSecondFactor();
auth.MapSessionRules();

var api = app.MapGroup("/api/v1").RequireAuthorization();
api.MapPracticeSettings();
api.MapStaffUsers();
api.MapServiceCodes();
api.MapClients();
api.MapGroups();
api.MapAppointments();
api.MapBilling();
api.MapInsurance();
api.MapReminders();
api.MapAttendance();
api.MapWaitlists();
api.MapNotes();
api.MapNoteTemplates();
api.MapReports();
api.MapAudit();
api.MapSystemStatus();
api.MapSearch();
api.MapCalendarFeeds();
app.MapCalendarFeedFile();

app.MapPortalSignIn();
var portal = app.MapPortalApi();
portal.MapPortalAccount();
portal.MapPortalSessions();
portal.MapPortalBooking();

app.MapFhir();

app.MapRazorPages();

await app.PrepareAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test hosts.</summary>
public partial class Program;
