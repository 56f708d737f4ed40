using NodaTime;

namespace Caseload.Domain.Insurance;

/// <summary>
/// A batch of claims sent as one 837P interchange. Its number is also the file's control number (ISA13, GS06, ST02),
/// so every file the practice sends has new ones. The file is written once, when the batch is made, and served
/// as written however often it is downloaded.
/// </summary>
public sealed class ClaimSubmission
{
    private ClaimSubmission()
    {
    }

    public ClaimSubmission(string createdBy, Instant now)
    {
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    /// <summary>Given by the database, in order.</summary>
    public int Number { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public Instant CreatedAt { get; private set; }

    public string Interchange { get; private set; } = "";

    public Instant? DownloadedAt { get; private set; }

    public void Written(string interchange) => Interchange = interchange;

    public void Downloaded(Instant now) => DownloadedAt ??= now;
}
