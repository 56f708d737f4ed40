using Caseload.Domain.Scheduling;

namespace Caseload.Domain.Tests.Scheduling;

/// <summary>Rule 8: an appointment with a group note or a payment taken is not deleted, and the refusal says which.</summary>
public class DeletionGuardTests
{
    [Fact]
    public void Delete_OfAnAppointmentWithNothingRecorded_IsAllowed_Rule8()
    {
        Assert.Null(DeletionGuard.Check(new AppointmentRecord(HasGroupNote: false, HasPayment: false)));
    }

    [Fact]
    public void Delete_OfAnAppointmentWithAGroupNote_IsRefusedNamingTheNote_Rule8()
    {
        var refusal = DeletionGuard.Check(new AppointmentRecord(HasGroupNote: true, HasPayment: false));

        Assert.Equal("has-group-note", refusal?.Code);
        Assert.Contains("group note", refusal!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Delete_OfAnAppointmentWithAPayment_IsRefusedNamingThePayment_Rule8()
    {
        var refusal = DeletionGuard.Check(new AppointmentRecord(HasGroupNote: false, HasPayment: true));

        Assert.Equal("has-payment", refusal?.Code);
        Assert.Contains("payment", refusal!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Delete_OfAnAppointmentWithBoth_IsRefusedForTheClinicalRecordFirst_Rule8()
    {
        Assert.Equal("has-group-note", DeletionGuard.Check(new AppointmentRecord(HasGroupNote: true, HasPayment: true))?.Code);
    }
}
