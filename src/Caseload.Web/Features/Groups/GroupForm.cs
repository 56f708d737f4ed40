using Caseload.Web.Data;
using Caseload.Web.Features.Settings.ServiceCodes;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Web.Features.Groups;

/// <summary>The group form of the pages.</summary>
public sealed class GroupForm
{
    public string? Name { get; set; }

    public string? ClinicianId { get; set; }

    public string ServiceCode { get; set; } = Domain.Billing.ServiceCode.GroupPsychotherapy;

    public int? Capacity { get; set; }

    public string? ClientTitle { get; set; }

    public SelfBookingForm SelfBooking { get; set; } = new();

    public CreateGroupCommand ToCreate() => new(ClinicianId, Name ?? "", ServiceCode, Capacity, ClientTitle, SelfBooking.ToSelfBooking());

    public ChangeGroupCommand ToChange(string groupId) => new(groupId, Name ?? "", ServiceCode, Capacity, ClientTitle, SelfBooking.ToSelfBooking());

    /// <summary>Service codes for the picker, the group-suited ones (90853, 90847) first.</summary>
    public static async Task LoadServiceCodesAsync(ViewDataDictionary viewData, CaseloadDbContext db, CancellationToken ct)
    {
        var codes = await db.ServiceCodes.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        viewData["ServiceCodes"] = codes.OrderByDescending(s => s.SuitsGroups).ThenBy(s => s.Code).Select(ServiceCodeDto.From).ToList();
    }
}

/// <summary>The self-booking part of the group form: on or off, and the seats of each session.</summary>
public sealed class SelfBookingForm
{
    public bool Enabled { get; set; }

    public int? Capacity { get; set; }

    public Domain.Groups.SelfBooking ToSelfBooking() => new(Enabled, Capacity);

    public static SelfBookingForm From(Domain.Groups.SelfBooking s) => new() { Enabled = s.Enabled, Capacity = s.Capacity };
}
