using NodaTime;

namespace Caseload.Domain.Practices;

/// <summary>The practice: one per installation. Its time zone decides what "today" means for every rule.</summary>
public sealed class Practice
{
    public const int MaxLeadTimes = 4;
    public const int MaxLeadTimeHours = 14 * 24;
    public const int DefaultIdleMinutes = 15;
    public const int MinIdleMinutes = 2;
    public const int MaxIdleMinutes = 8 * 60;

    private Practice()
    {
    }

    public int Id { get; private set; } = 1;

    public string Name { get; private set; } = "";

    public string TimeZoneId { get; private set; } = "America/New_York";

    public string Currency { get; private set; } = "USD";

    public string Phone { get; private set; } = "";

    public decimal MissedSessionFee { get; private set; }

    public IReadOnlyList<int> ReminderLeadTimesHours { get; private set; } = [48, 2];

    public LocalTime DayStartsAt { get; private set; } = new(8, 0);

    public LocalTime DayEndsAt { get; private set; } = new(18, 0);

    /// <summary>
    /// The practice's rooms, suggested as locations to everyone. Other suggestions come only from the
    /// clinician's own past locations: a location is free text and may name a client and an address.
    /// </summary>
    public IReadOnlyList<string> Rooms { get; private set; } = [];

    public string ReminderEmailSubject { get; private set; } = Reminders.ReminderTemplates.Default.EmailSubject;

    public string ReminderEmailBody { get; private set; } = Reminders.ReminderTemplates.Default.EmailBody;

    public string ReminderTextBody { get; private set; } = Reminders.ReminderTemplates.Default.TextBody;

    /// <summary>Staff must sign in with a second factor; those without one may only set it up.</summary>
    public bool RequireTwoFactor { get; private set; }

    /// <remarks>HIPAA's automatic logoff: a signed-in session ends after this many minutes without a request.</remarks>
    public int IdleMinutes { get; private set; } = DefaultIdleMinutes;

    /// <summary>How people read dates and times on every page and message; machine outputs stay ISO.</summary>
    public DateFormat DateFormat { get; private set; } = DateFormat.Us;

    public DateStyle DateStyle => DateStyle.Of(DateFormat);

    /// <summary>What staff calendar feeds say about a session's clients; none unless an administrator chooses more.</summary>
    public CalendarFeedNames CalendarFeedNames { get; private set; } = CalendarFeedNames.None;

    /// <summary>The practice as payers know it: the billing provider every claim names.</summary>
    public Insurance.BillingIdentity BillingIdentity { get; private set; } = Insurance.BillingIdentity.Blank;

    /// <summary>Where claim files go and who sends them.</summary>
    public Insurance.Clearinghouse Clearinghouse { get; private set; } = Insurance.Clearinghouse.Blank;

    /// <summary>The client portal's switch and policy.</summary>
    public PortalPolicy Portal { get; private set; } = PortalPolicy.Default;

    public Reminders.ReminderTemplates ReminderTemplates => new(ReminderEmailSubject, ReminderEmailBody, ReminderTextBody);

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    public LocalDate Today(Instant now) => now.InZone(Zone).Date;

    public static Practice CreateDefault(string name, string timeZoneId) =>
        new() { Name = name, TimeZoneId = timeZoneId };

    public Outcome Update(PracticeSettings settings)
    {
        var refusals = Validate(settings);
        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        Name = settings.Name.Trim();
        TimeZoneId = settings.TimeZone;
        Currency = settings.Currency.ToUpperInvariant();
        Phone = settings.Phone?.Trim() ?? "";
        MissedSessionFee = Billing.Money.Round(settings.MissedSessionFee);
        ReminderLeadTimesHours = [.. settings.ReminderLeadTimesHours.OrderDescending()];
        DayStartsAt = settings.DayStartsAt;
        DayEndsAt = settings.DayEndsAt;
        if (settings.Rooms is { } rooms)
        {
            Rooms = [.. CleanRooms(rooms)];
        }

        if (settings.DateFormat is { } format)
        {
            DateFormat = format;
        }

        return Outcome.Done;
    }

    /// <summary>Changes the billing identity and the clearinghouse; either left out (null) stays as it is.</summary>
    public Outcome ChangeClaimsSetup(Insurance.BillingIdentity? identity, Insurance.Clearinghouse? clearinghouse)
    {
        var checkedIdentity = identity?.Checked();
        var checkedClearinghouse = clearinghouse?.Checked();
        var refusals = new List<Refusal>([.. checkedIdentity?.Refusals ?? [], .. checkedClearinghouse?.Refusals ?? []]);
        if (refusals.Count > 0)
        {
            return Outcome.From(refusals);
        }

        BillingIdentity = checkedIdentity?.Value ?? BillingIdentity;
        Clearinghouse = checkedClearinghouse?.Value ?? Clearinghouse;
        return Outcome.Done;
    }

    /// <summary>How staff sign in: whether two-factor is required and after how many idle minutes a session ends.</summary>
    public Outcome ChangeSignInRules(bool requireTwoFactor, int idleMinutes)
    {
        if (idleMinutes < MinIdleMinutes || idleMinutes > MaxIdleMinutes)
        {
            return Refusal.Invalid("idleMinutes", $"The idle time must be from {MinIdleMinutes} to {MaxIdleMinutes} minutes.");
        }

        RequireTwoFactor = requireTwoFactor;
        IdleMinutes = idleMinutes;
        return Outcome.Done;
    }

    /// <remarks>
    /// Names in a feed reach the calendar provider (Google, Apple, Microsoft), which stores them outside the practice's
    /// records and its audit trail: the administrator chooses this knowingly, and the settings page says so.
    /// </remarks>
    public void ChangeCalendarFeedNames(CalendarFeedNames names) => CalendarFeedNames = names;

    public Outcome ChangePortal(PortalPolicy portal)
    {
        var refusals = portal.Validate();
        if (refusals.Count > 0)
        {
            return Outcome.From([.. refusals]);
        }

        Portal = portal;
        return Outcome.Done;
    }

    public Outcome ChangeReminderTemplates(Reminders.ReminderTemplates templates)
    {
        var refusals = templates.Validate();
        if (refusals.Count > 0)
        {
            return Outcome.From([.. refusals]);
        }

        ReminderEmailSubject = templates.EmailSubject;
        ReminderEmailBody = templates.EmailBody;
        ReminderTextBody = templates.TextBody;
        return Outcome.Done;
    }

    private static List<Refusal> Validate(PracticeSettings s)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Trim().Length > TextLimits.PracticeName)
        {
            refusals.Add(Refusal.Invalid("name", $"Enter the practice name (at most {TextLimits.PracticeName} characters)."));
        }

        if (TextLimits.Check(s.Phone, TextLimits.PracticePhone, "phone") is { } longPhone)
        {
            refusals.Add(longPhone);
        }

        if (string.IsNullOrWhiteSpace(s.TimeZone) || DateTimeZoneProviders.Tzdb.GetZoneOrNull(s.TimeZone) is null)
        {
            refusals.Add(Refusal.Invalid("timeZone", "Choose an IANA time zone such as America/New_York."));
        }

        if (s.Currency is null || s.Currency.Length != 3 || !s.Currency.All(char.IsAsciiLetter))
        {
            refusals.Add(Refusal.Invalid("currency", "Enter a three-letter ISO 4217 currency code such as USD."));
        }

        if (s.MissedSessionFee < 0 || s.MissedSessionFee > 100_000)
        {
            refusals.Add(Refusal.Invalid("missedSessionFee", "The missed-session fee must be between 0.00 and 100000.00."));
        }

        var leads = s.ReminderLeadTimesHours ?? [];
        if (leads.Count > MaxLeadTimes || leads.Any(h => h < 1 || h > MaxLeadTimeHours) || leads.Distinct().Count() != leads.Count)
        {
            refusals.Add(Refusal.Invalid("reminderLeadTimesHours",
                $"Give up to {MaxLeadTimes} different lead times, each from 1 to {MaxLeadTimeHours} hours."));
        }

        if (s.Rooms is { } rooms && (CleanRooms(rooms).Count() > TextLimits.Rooms || rooms.Any(r => r?.Trim().Length > TextLimits.Room)))
        {
            refusals.Add(Refusal.Invalid("rooms", $"Give at most {TextLimits.Rooms} rooms, each at most {TextLimits.Room} characters."));
        }

        if (s.DayEndsAt <= s.DayStartsAt)
        {
            refusals.Add(Refusal.Invalid("dayEndsAt", "The working day must end after it starts."));
        }

        return refusals;
    }

    private static IEnumerable<string> CleanRooms(IEnumerable<string?> rooms) =>
        rooms.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);
}

/// <summary>What an administrator may change about the practice; rooms or a date format left out (null) stay as they are.</summary>
public sealed record PracticeSettings(
    string Name,
    string TimeZone,
    string Currency,
    string? Phone,
    decimal MissedSessionFee,
    IReadOnlyList<int> ReminderLeadTimesHours,
    LocalTime DayStartsAt,
    LocalTime DayEndsAt,
    IReadOnlyList<string>? Rooms = null,
    DateFormat? DateFormat = null);
