namespace Caseload.Web.Auth;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Scheduler = "Scheduler";
    public const string Clinician = "Clinician";
    public const string Biller = "Biller";

    public static readonly IReadOnlyList<string> All = [Administrator, Scheduler, Clinician, Biller];
}
