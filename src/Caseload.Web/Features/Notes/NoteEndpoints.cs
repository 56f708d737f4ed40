using Caseload.Domain;
using Caseload.Web.Api;
using Caseload.Web.Features.Scheduling;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Web.Features.Notes;

internal static class NoteEndpoints
{
    /// <summary>The same endpoints serve group notes and individual progress notes.</summary>
    public static void MapNotes(this RouteGroupBuilder api)
    {
        foreach (var kind in new[] { "group-note", "progress-note" })
        {
            var notes = api.MapGroup($"/appointments/{{id}}/{kind}").WithTags("Notes");

            notes.MapGet("/", async (string id, NoteWork work, HttpContext http, CancellationToken ct) =>
                Answer(await work.ReadAsync(id, ct), http));

            notes.MapPut("/", async (string id, NoteInput input, [FromHeader(Name = "If-Match")] string? ifMatch, NoteWork work, HttpContext http,
                CancellationToken ct) => Answer(await work.SaveDraftAsync(id, input, ifMatch, ct), http));

            notes.MapPost("/sign", async (string id, [FromHeader(Name = "If-Match")] string? ifMatch, NoteWork work, HttpContext http,
                CancellationToken ct) => Answer(await work.SignAsync(id, ifMatch, ct), http));

            notes.MapPost("/addenda", async (string id, AddendumInput input, [FromHeader(Name = "If-Match")] string? ifMatch, NoteWork work,
                HttpContext http, CancellationToken ct) => Answer(await work.AddAddendumAsync(id, input, ifMatch, ct), http));
        }
    }

    private static IResult Answer((NoteDto? Note, Outcome Outcome) result, HttpContext http)
    {
        if (result.Note is null)
        {
            return Problems.For(result.Outcome);
        }

        http.Response.Headers.ETag = Wire.ETag(result.Note.Version);
        return Results.Ok(result.Note);
    }
}
