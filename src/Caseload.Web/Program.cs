using Caseload.Web;
using Caseload.Web.Api;
using Caseload.Web.Api.Scheduling;
using Caseload.Web.Auth;
using Caseload.Web.Data;
using Caseload.Web.Features.Billing;
using Caseload.Web.Features.Clients;
using Caseload.Web.Features.Groups;
using Caseload.Web.Features.Notes;
using Caseload.Web.Features.Reminders;
using Caseload.Web.Features.Reports;
using Caseload.Web.Features.Scheduling;
using Caseload.Web.Features.Settings.Practice;
using Caseload.Web.Features.Settings.ServiceCodes;
using Caseload.Web.Setup;
using Caseload.Web.Workers;
using Caseload.Web.Features.Settings.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddCaseloadDatabase();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Clock>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddCaseloadAuth();
builder.Services.AddDataProtection().SetApplicationName("Caseload").PersistKeysToDbContext<CaseloadDbContext>();
builder.Services.AddHealthChecks().AddDbContextCheck<CaseloadDbContext>();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.AddCode);
builder.Services.AddExceptionHandler<MalformedRequestHandler>();
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
    o.Conventions.AddPageRoute("/Dashboard/Index", "");
});

builder.Services.AddScoped<Caseloads>();
builder.Services.AddScoped<AuditTrail>();
builder.Services.AddScoped<Leases>();

// Settings and staff
builder.Services.AddScoped<CreateStaffUser>();
builder.Services.AddScoped<ServiceCodeChanges>();
builder.Services.AddScoped<PracticeZoneChange>();
builder.Services.AddScoped<DemoPractice>();

// Clients and groups
builder.Services.AddScoped<SaveClient>();
builder.Services.AddScoped<ClientSearch>();
builder.Services.AddScoped<GroupWork>();

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
builder.Services.AddScoped<DeleteAppointment>();
builder.Services.AddScoped<DeleteSeries>();
builder.Services.AddScoped<SyncRoster>();

// Billing and reports
builder.Services.AddScoped<IssueInvoices>();
builder.Services.AddScoped<BillingWork>();
builder.Services.AddScoped<BillingReports>();
builder.Services.AddScoped<AttendanceReport>();
builder.Services.AddSingleton<InvoiceWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<InvoiceWorker>());

// Notes
builder.Services.AddScoped<NoteWork>();

// Reminders
builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Caseload:Email"));
builder.Services.Configure<TextOptions>(builder.Configuration.GetSection("Caseload:Text"));
builder.Services.AddScoped<EmailDelivery>();
builder.Services.AddHttpClient<TextDelivery>(c => c.Timeout = TimeSpan.FromSeconds(20));
builder.Services.AddScoped<ReminderSchedule>();
builder.Services.AddScoped<ReminderDispatch>();
builder.Services.AddScoped<ReminderLog>();
builder.Services.AddSingleton<ReminderWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderWorker>());

var app = builder.Build();

app.UseWhen(ctx => ctx.IsApi(), api => api.UseExceptionHandler().UseStatusCodePages());
app.UseWhen(ctx => !ctx.IsApi(), ui => ui.UseExceptionHandler("/Status?code=500").UseStatusCodePagesWithReExecute("/Status", "?code={0}"));
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health");
app.MapOpenApi();
app.MapScalarApiReference("/api/reference");

var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in");
auth.MapIdentityApi<StaffUser>().HideSelfRegistration();

var api = app.MapGroup("/api/v1").RequireAuthorization();
api.MapPracticeSettings();
api.MapStaffUsers();
api.MapServiceCodes();
api.MapClients();
api.MapGroups();
api.MapAppointments();
api.MapBilling();
api.MapReminders();
api.MapAttendance();
api.MapNotes();
api.MapReports();

app.MapRazorPages();

await app.PrepareAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the test hosts.</summary>
public partial class Program;
