namespace Caseload.Architecture.Tests;

/// <summary>The rule checker on made-up codebases: each rule reports the dependency that breaks it, and only that.</summary>
public sealed class FolderRuleTests
{
    private static IReadOnlyList<Violation> Check(CodeType[] types, params (string From, string To)[] dependencies) =>
        FolderRules.Check(new Codebase(types, [.. dependencies.Select(d => new Dependency(d.From, d.To))]));

    private static IReadOnlyList<Violation> Check(params (string From, string To)[] dependencies) => Check([], dependencies);

    private static IReadOnlyList<Violation> CheckTypes(params CodeType[] types) => Check(types, []);

    private static void AssertBreaks(IReadOnlyList<Violation> violations, string rule, string from, string to)
    {
        var violation = Assert.Single(violations);
        Assert.Equal($"{from} -> {to} ({violation.Rule})", violation.ToString());
        Assert.StartsWith(rule + ":", violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleA_TheDomainUsingTheWebProject_IsReported() =>
        AssertBreaks(
            Check(("Caseload.Domain.Scheduling.Appointment", "Caseload.Web.Data.CaseloadDbContext")),
            "a", "Caseload.Domain.Scheduling.Appointment", "Caseload.Web.Data.CaseloadDbContext");

    [Theory]
    [InlineData("Caseload.Web.Features.Settings.Users.CreateStaffUser")]
    [InlineData("Caseload.Web.Api.Wire")]
    [InlineData("Caseload.Web.Auth.CurrentStaff")]
    [InlineData("Caseload.Web.Workers.ReminderWorker")]
    [InlineData("Caseload.Web.Setup.FirstAdministrator")]
    public void RuleB_DataUsingFeaturesApiAuthWorkersOrSetup_IsReported(string used) =>
        AssertBreaks(Check(("Caseload.Web.Data.CaseloadDbContext", used)), "b", "Caseload.Web.Data.CaseloadDbContext", used);

    [Theory]
    [InlineData("Caseload.Web.Features.Notes.NoteWork")]
    [InlineData("Caseload.Web.Api.Problems")]
    [InlineData("Caseload.Web.Workers.InvoiceWorker")]
    [InlineData("Caseload.Web.Setup.Roles")]
    public void RuleC_AuthUsingFeaturesApiWorkersOrSetup_IsReported(string used) =>
        AssertBreaks(Check(("Caseload.Web.Auth.Caseloads", used)), "c", "Caseload.Web.Auth.Caseloads", used);

    [Fact]
    public void RuleC_AuthUsingData_IsAllowed() =>
        Assert.Empty(Check(("Caseload.Web.Auth.Caseloads", "Caseload.Web.Data.CaseloadDbContext")));

    [Fact]
    public void RuleD_AFeatureUsingTheWire_IsReported() =>
        AssertBreaks(
            Check(("Caseload.Web.Features.Scheduling.BookAppointment", "Caseload.Web.Api.Wire")),
            "d", "Caseload.Web.Features.Scheduling.BookAppointment", "Caseload.Web.Api.Wire");

    [Fact]
    public void RuleD_TheApiUsingAFeature_IsAllowed() =>
        Assert.Empty(Check(("Caseload.Web.Api.Scheduling.AppointmentEndpoints", "Caseload.Web.Features.Scheduling.BookAppointment")));

    [Fact]
    public void RuleE_AWorkerUsingAPageModel_IsReported()
    {
        CodeType[] types = [new("Caseload.Web.Features.Billing.LedgerModel", IsFeatureApi: true, IsPageModel: true)];

        AssertBreaks(
            Check(types, ("Caseload.Web.Workers.InvoiceWorker", "Caseload.Web.Features.Billing.LedgerModel")),
            "e", "Caseload.Web.Workers.InvoiceWorker", "Caseload.Web.Features.Billing.LedgerModel");
    }

    [Fact]
    public void RuleE_SetupUsingTheApi_IsReported() =>
        AssertBreaks(
            Check(("Caseload.Web.Setup.DemoPractice", "Caseload.Web.Api.Clients.ClientInput")),
            "e", "Caseload.Web.Setup.DemoPractice", "Caseload.Web.Api.Clients.ClientInput");

    [Fact]
    public void RuleF_AFeatureUsingAnotherFeaturesUnmarkedType_IsReported() =>
        AssertBreaks(
            Check(("Caseload.Web.Features.Notes.SignNote", "Caseload.Web.Features.Scheduling.AppointmentFeed")),
            "f", "Caseload.Web.Features.Notes.SignNote", "Caseload.Web.Features.Scheduling.AppointmentFeed");

    [Fact]
    public void RuleF_AFeatureUsingAnotherFeaturesMarkedType_IsAllowed() =>
        Assert.Empty(Check(
            [new("Caseload.Web.Features.Scheduling.AppointmentFeed", IsFeatureApi: true)],
            ("Caseload.Web.Features.Notes.SignNote", "Caseload.Web.Features.Scheduling.AppointmentFeed")));

    [Fact]
    public void RuleF_AFeatureUsingItsOwnUnmarkedType_IsAllowed() =>
        Assert.Empty(Check(("Caseload.Web.Features.Scheduling.DetailsModel", "Caseload.Web.Features.Scheduling.AppointmentFeed")));

    [Theory]
    [InlineData("Caseload.Web.Features.PageRefusals")]
    [InlineData("Caseload.Web.Features.FeatureApiAttribute")]
    [InlineData("Caseload.Web.Features.Shared.StatusBadge")]
    public void RuleF_WhatTheFeaturesShare_IsCommonToAll(string shared) =>
        Assert.Empty(Check(("Caseload.Web.Features.Billing.TakePayment", shared)));

    [Fact]
    public void RuleF_EachSettingsFolder_IsAnAreaOfItsOwn() =>
        AssertBreaks(
            Check(("Caseload.Web.Features.Settings.Practice.IndexModel", "Caseload.Web.Features.Settings.Users.StaffForm")),
            "f", "Caseload.Web.Features.Settings.Practice.IndexModel", "Caseload.Web.Features.Settings.Users.StaffForm");

    [Fact]
    public void RuleF_AWorkerUsingAFeaturesUnmarkedType_IsReported() =>
        AssertBreaks(
            Check(("Caseload.Web.Workers.ReminderWorker", "Caseload.Web.Features.Reminders.ReminderDelivery")),
            "f", "Caseload.Web.Workers.ReminderWorker", "Caseload.Web.Features.Reminders.ReminderDelivery");

    [Fact]
    public void RuleF_SetupUsingAFeaturesMarkedType_IsAllowed() =>
        Assert.Empty(Check(
            [new("Caseload.Web.Features.Settings.Users.CreateStaffUser", IsFeatureApi: true)],
            ("Caseload.Web.Setup.FirstAdministrator", "Caseload.Web.Features.Settings.Users.CreateStaffUser")));

    [Fact]
    public void RuleF_TheSharedFolderUsingAFeaturesUnmarkedType_IsReported() =>
        AssertBreaks(
            Check(("Caseload.Web.Features.Shared.Features_Shared__Layout", "Caseload.Web.Features.Notes.NoteList")),
            "f", "Caseload.Web.Features.Shared.Features_Shared__Layout", "Caseload.Web.Features.Notes.NoteList");

    [Fact]
    public void RuleG_AWorkClassInFeatures_IsReported()
    {
        var violation = Assert.Single(CheckTypes(new CodeType("Caseload.Web.Features.Billing.BillingWork")));

        Assert.Equal("Caseload.Web.Features.Billing.BillingWork (g: no *Work class in Features)", violation.ToString());
    }

    [Fact]
    public void RuleG_AWireOutsideTheApi_IsReported()
    {
        var violation = Assert.Single(CheckTypes(new CodeType("Caseload.Web.Features.Scheduling.Wire")));

        Assert.Equal("Caseload.Web.Features.Scheduling.Wire (g: no Wire outside Api)", violation.ToString());
    }

    [Fact]
    public void RuleG_TheWireInTheApi_AndAWorkerOutsideFeatures_AreAllowed() =>
        Assert.Empty(CheckTypes(new("Caseload.Web.Api.Wire"), new("Caseload.Web.Workers.PeriodicWork")));

    [Fact]
    public void TheCheck_ReportsEveryViolation_NotOnlyTheFirst() =>
        Assert.Equal(2, Check(
            ("Caseload.Domain.Billing.Invoice", "Caseload.Web.Data.CaseloadDbContext"),
            ("Caseload.Web.Features.Groups.SyncRoster", "Caseload.Web.Api.Wire")).Count);
}
