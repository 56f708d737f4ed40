using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Caseload.Domain.Billing;
using Caseload.Domain.Clients;
using Caseload.Domain.Groups;
using Caseload.Domain.Scheduling;
using NodaTime;

namespace Caseload.Bench;

internal static class MicroBenchmarks
{
    /// <summary>A short in-process job: enough for the order of magnitude of domain code that runs once per request.</summary>
    public static void Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "caseload-bench", "micro"));
        BenchmarkSwitcher.FromTypes([typeof(SchedulingBenchmarks)]).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }
}

/// <summary>
/// The domain work behind <c>POST /api/v1/appointments</c>: expanding the recurrence, building the
/// appointments with their roster snapshot, and checking the clinician's year for overlaps.
/// </summary>
public class SchedulingBenchmarks
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 2, 14, 0);
    private static readonly LocalDate Today = new(2026, 11, 2);

    private readonly Recurrence _weekly104 = new(Frequency.Weekly, 1, 104, null);
    private readonly Recurrence _monthly24 = new(Frequency.MonthlyByWeekday, 1, 24, null);
    private Dictionary<string, Client> _clients = [];
    private BookingRequest _groupSeries = null!;
    private BookingRequest _individualSeries = null!;
    private IReadOnlyList<Appointment> _proposedFree = [];
    private IReadOnlyList<Appointment> _proposedClashing = [];
    private IReadOnlyList<Appointment> _clinicianYear = [];

    [GlobalSetup]
    public void Setup()
    {
        const string clinicianId = "0195a0c0c1c14b8e9f00000000000001";
        var caseload = Enumerable.Range(0, 40).Select(k => Client.Create(clinicianId,
            new ClientDetails($"First{k}", $"Last{k}", new LocalDate(1980, 1, 1 + (k % 28)), null, null,
                new ReminderPreferences(false, false), BillingSettings.SelfPay(), null), Today).Client!).ToList();
        _clients = caseload.ToDictionary(c => c.Id);
        var group = Group.Create(clinicianId, "Anxiety Skills", ServiceCode.GroupPsychotherapy, 10).Group!;
        foreach (var client in caseload.Take(8))
        {
            group.AddMember(client, Today);
        }

        var monday = new LocalDate(2026, 11, 2);
        _groupSeries = new BookingRequest(AppointmentKind.Group, clinicianId, ServiceCode.GroupPsychotherapy, group, null,
            new SessionSlot(monday + new LocalTime(17, 0), 90, "Group room"), null, null, _weekly104);
        _individualSeries = new BookingRequest(AppointmentKind.Individual, clinicianId, "90834", null, caseload[0],
            new SessionSlot(monday + new LocalTime(9, 0), 45, "Office 1"), null, null, _weekly104);

        // The clinician's year as the conflict query returns it: 40 clients a week, Monday to Friday.
        _clinicianYear = [.. caseload.Select((client, k) => Book(_individualSeries with
        {
            Client = client,
            Slot = new SessionSlot(monday.PlusDays(k % 5) + new LocalTime(9 + (k / 5), 0), 45, "Office 1"),
            Recurrence = new Recurrence(Frequency.Weekly, 1, 52, null),
        })).SelectMany(a => a)];
        var saturday = monday.With(DateAdjusters.NextOrSame(IsoDayOfWeek.Saturday));
        _proposedFree = Book(_groupSeries with
        {
            Slot = new SessionSlot(saturday + new LocalTime(10, 0), 90, null),
            Recurrence = new Recurrence(Frequency.Weekly, 1, 52, null),
        });
        _proposedClashing = Book(_groupSeries with
        {
            Slot = _groupSeries.Slot with { Start = monday + new LocalTime(9, 30) },
            Recurrence = new Recurrence(Frequency.Weekly, 1, 52, null),
        });
    }

    [Benchmark]
    public int RecurrenceDates_Weekly104() => _weekly104.Dates(Today).Count();

    [Benchmark]
    public int RecurrenceDates_Monthly24() => _monthly24.Dates(Today).Count();

    [Benchmark]
    public int Book_GroupSeries104Weeks_8Members() => Book(_groupSeries).Count;

    [Benchmark]
    public int Book_IndividualSeries104Weeks() => Book(_individualSeries).Count;

    [Benchmark]
    public int ConflictsFind_52Free_Against2080() =>
        Conflicts.Find(_proposedFree, _clinicianYear, 10, id => id).Count;

    [Benchmark]
    public int ConflictsFind_52Clashing_Against2080() =>
        Conflicts.Find(_proposedClashing, _clinicianYear, 10, id => id).Count;

    private IReadOnlyList<Appointment> Book(BookingRequest request) =>
        Booking.Book(request, _clients, Zone, Now).Booked!.Appointments;
}
