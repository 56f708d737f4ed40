namespace Caseload.Domain;

/// <summary>
/// The most characters each free-text field holds, said once; the database columns are as wide
/// (PostgreSQL <c>varchar(n)</c>). Longer input is refused naming the field, so a pasted document
/// or a 10 MB request never reaches the database to be stored whole or fail there.
/// </summary>
public static class TextLimits
{
    public const int Location = 300;
    public const int Memo = 2000;
    public const int MissedReason = 500;
    public const int VoidReason = 500;
    public const int PaymentReference = 100;
    public const int ClientName = 100;
    public const int Email = 256;
    public const int Mobile = 30;
    public const int Payer = 200;
    public const int MemberId = 50;
    public const int GroupName = 120;
    public const int ClientTitle = 100;
    public const int PracticeName = 200;
    public const int PracticePhone = 40;
    public const int ServiceDescription = 200;
    public const int NoteText = 8000;
    public const int Room = 100;
    public const int Rooms = 50;

    public static string Message(int max) => $"At most {max} characters.";

    /// <summary>Null when <paramref name="text"/> fits (blank always fits), else the refusal naming <paramref name="field"/>.</summary>
    public static Refusal? Check(string? text, int max, string field) =>
        text is not null && text.Trim().Length > max ? Refusal.Invalid(field, Message(max)) : null;
}
