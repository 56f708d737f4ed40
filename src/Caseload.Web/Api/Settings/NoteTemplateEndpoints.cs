using Caseload.Domain.Notes;
using Caseload.Web.Auth;
using Caseload.Web.Features.Settings.NoteTemplates;

namespace Caseload.Web.Api.Settings;

/// <summary>A note template as the API reads and writes it: a shared part and a member part.</summary>
public sealed record NoteTemplateDto(string? Id, string? Name, NoteTemplateShared? Shared, NoteTemplateMember? Member)
{
    public static NoteTemplateDto From(NoteTemplate t) => new(t.Id, t.Name,
        new NoteTemplateShared(t.Topic, t.Interventions, t.GroupProcess),
        new NoteTemplateMember(t.Participation, t.Progress, t.MoodAffect, t.Plan));

    public NoteTemplateText ToText() => new(Name, Shared?.Topic, Shared?.Interventions, Shared?.GroupProcess,
        Member?.Participation, Member?.Progress, Member?.MoodAffect, Member?.Plan);
}

public sealed record NoteTemplateShared(string? Topic, string? Interventions, string? GroupProcess);

public sealed record NoteTemplateMember(string? Participation, string? Progress, string? MoodAffect, string? Plan);

internal static class NoteTemplateEndpoints
{
    /// <summary>Every staff member may read the templates (they hold no client data); administrators change them.</summary>
    public static void MapNoteTemplates(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/note-templates").WithTags("Note templates");

        templates.MapGet("/", async (NoteTemplateList list, CancellationToken ct) =>
            (await list.ListAsync(ct)).Select(NoteTemplateDto.From));

        templates.MapGet("/{id}", async (string id, NoteTemplateList list, CancellationToken ct) =>
            await list.FindAsync(id, ct) is { } template ? Results.Ok(NoteTemplateDto.From(template)) : Problems.NotFound());

        templates.MapPost("/", async (NoteTemplateDto input, ChangeNoteTemplates change, CancellationToken ct) =>
            {
                var created = await change.CreateAsync(input.ToText(), ct);
                return created.Succeeded
                    ? Results.Created($"/api/v1/note-templates/{created.Value.Id}", NoteTemplateDto.From(created.Value))
                    : Problems.For(created.AsOutcome);
            })
            .RequireAuthorization(Policies.Administers);

        templates.MapPut("/{id}", async (string id, NoteTemplateDto input, ChangeNoteTemplates change, CancellationToken ct) =>
                Problems.Ok(await change.ChangeAsync(id, input.ToText(), ct), NoteTemplateDto.From))
            .RequireAuthorization(Policies.Administers);

        templates.MapDelete("/{id}", async (string id, ChangeNoteTemplates change, CancellationToken ct) =>
                Problems.NoContent(await change.DeleteAsync(id, ct)))
            .RequireAuthorization(Policies.Administers);
    }
}
