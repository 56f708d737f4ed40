using Caseload.Domain;
using Caseload.Web.Features.Notes;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Web.Api.Notes;

internal static class NoteEndpoints
{
    /// <summary>The same endpoints serve group notes and individual progress notes.</summary>
    public static void MapNotes(this RouteGroupBuilder api)
    {
        foreach (var kind in new[] { "group-note", "progress-note" })
        {
            var notes = api.MapGroup($"/appointments/{{id}}/{kind}").WithTags("Notes");

            notes.MapGet("/", async (string id, ReadNote read, HttpContext http, CancellationToken ct) =>
                Answer(await read.HandleAsync(new ReadNoteCommand(id), ct), http));

            notes.MapPut("/", async (string id, NoteInput input, [FromHeader(Name = "If-Match")] string? ifMatch, SaveNoteDraft save, HttpContext http,
                CancellationToken ct) =>
            {
                var command = input.ToCommand(id, Wire.IfMatch(ifMatch));
                return command.Succeeded ? Answer(await save.HandleAsync(command.Value, ct), http) : Problems.For(command.AsOutcome);
            });

            notes.MapPost("/sign", async (string id, [FromHeader(Name = "If-Match")] string? ifMatch, SignNote sign, HttpContext http,
                CancellationToken ct) => Answer(await sign.HandleAsync(new SignNoteCommand(id, Wire.IfMatch(ifMatch)), ct), http));

            notes.MapPost("/addenda", async (string id, AddendumInput input, [FromHeader(Name = "If-Match")] string? ifMatch, AddAddendum add,
                HttpContext http, CancellationToken ct) =>
            {
                var command = input.ToCommand(id, Wire.IfMatch(ifMatch));
                return command.Succeeded ? Answer(await add.HandleAsync(command.Value, ct), http) : Problems.For(command.AsOutcome);
            });

            notes.MapPost("/from-previous", async (string id, StartNoteFromPrevious start, HttpContext http, CancellationToken ct) =>
                Answer(await start.HandleAsync(new StartNoteFromPreviousCommand(id), ct), http));

            notes.MapPost("/from-template", async (string id, FromTemplateInput input, StartNoteFromTemplate start, HttpContext http,
                CancellationToken ct) => Answer(await start.HandleAsync(new StartNoteFromTemplateCommand(id, input.TemplateId), ct), http));
        }
    }

    /// <summary>The note with its version as the ETag a later change may send back as <c>If-Match</c>.</summary>
    private static IResult Answer(Outcome<NoteView> outcome, HttpContext http)
    {
        if (!outcome.Succeeded)
        {
            return Problems.For(outcome.AsOutcome);
        }

        http.Response.Headers.ETag = Wire.ETag(outcome.Value.Version);
        return Results.Ok(NoteDto.From(outcome.Value));
    }
}
