using Caseload.Domain.Clients;
using Caseload.Domain.Notes;
using Caseload.Domain.Scheduling;
using Caseload.Domain.Tests.Infrastructure;
using Caseload.Domain.Tests.Scheduling;
using NodaTime;

namespace Caseload.Domain.Tests.Notes;

/// <summary>
/// Alice and Bob's group session of Tuesday 24 November 2026, a week before the practice's today,
/// and the sections a clinician writes about it.
/// </summary>
internal sealed record HeldSession(Client Alice, Client Bob, Appointment Appointment)
{
    public const string Signer = "Dr Morgan";

    /// <summary>A moment after the session, when the note is written.</summary>
    public static readonly Instant Later = ASession.Now.Plus(Duration.FromMinutes(30));

    public static HeldSession Booked()
    {
        var alice = People.ClientOf(A.Morgan, "Alice");
        var bob = People.ClientOf(A.Morgan, "Bob");
        var group = A.Group().With(alice, bob).Build();
        var appointment = ASession.OfGroup(group, alice, bob).At(new LocalDateTime(2026, 11, 24, 10, 0)).SaveOne();
        return new HeldSession(alice, bob, appointment);
    }

    /// <summary>A shared section a signature accepts.</summary>
    public static SharedSection CompleteShared => new("Coping with holiday stress", "CBT thought records; breathing practice", "Warm, cohesive", 50);

    /// <summary>A member's section a signature accepts: every field written, risk none.</summary>
    public static MemberSection CompleteSection(string clientId) =>
        new(clientId, InviteeStatus.Attended, "Spoke first and often", "Met the week's exposure goal", "Euthymic", Risk.None, null, "Continue exposure work");

    public static MemberSection EmptySection(string clientId) =>
        new(clientId, InviteeStatus.Invited, null, null, null, Risk.None, null, null);

    public void Attended(Client client) => Assert.True(Appointment.MarkAttended(client.Id, true, A.Today).Succeeded);

    public void Missed(Client client) =>
        Assert.True(Appointment.MarkMissed(client.Id, "No-show", 0m, Signer, A.Today, ASession.Now).Succeeded);

    public SessionNote Start() => SessionNote.Start(Appointment, ASession.Now);

    /// <summary>A note whose draft holds these sections, saved against the appointment as it is now.</summary>
    public SessionNote Drafted(SharedSection shared, params MemberSection[] members)
    {
        var note = Start();
        Assert.True(note.SaveDraft(shared, members, Appointment, Later).Succeeded);
        return note;
    }

    /// <summary>Both members attended and every field is written: the note a signature accepts.</summary>
    public SessionNote Complete()
    {
        Attended(Alice);
        Attended(Bob);
        return Drafted(CompleteShared, CompleteSection(Alice.Id), CompleteSection(Bob.Id));
    }

    public SessionNote Signed()
    {
        var note = Complete();
        Assert.True(note.Sign(Signer, Later).Succeeded);
        return note;
    }

    public static MemberSection SectionOf(SessionNote note, Client client) => note.Members.Single(m => m.ClientId == client.Id);
}
