using Caseload.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Web.Features;

/// <summary>The one place a page turns a refusal into what a person sees: not found, forbidden, or a message beside the field.</summary>
public static class PageRefusals
{
    /// <summary>
    /// The answer that ends the request for a refusal no form can show (a record not found or not
    /// the asker's to see: 404; a policy that says no: 403), else null.
    /// </summary>
    public static IActionResult? Ending(this PageModel page, Outcome outcome) => outcome.First?.Code switch
    {
        RefusalCodes.NotFound => page.NotFound(),
        RefusalCodes.Forbidden => page.Forbid(),
        _ => null,
    };

    public static IActionResult? Ending<T>(this PageModel page, Outcome<T> outcome) => page.Ending(outcome.AsOutcome);

    /// <summary>
    /// Shows refusals beside the fields of a form whose inputs are named <c>{prefix}.{Field}</c>;
    /// <paramref name="rename"/> maps a rule's field name (<c>billing.payer</c>) to the form's where they differ.
    /// A refusal that names no field is shown above the form.
    /// </summary>
    public static void AddTo(this ModelStateDictionary modelState, Outcome outcome, string prefix = "Input", Func<string, string>? rename = null)
    {
        foreach (var refusal in outcome.Refusals ?? [])
        {
            var key = refusal.Field is { Length: > 0 } field
                ? (prefix.Length > 0 ? prefix + "." : "") + (rename?.Invoke(field) ?? Pascal(field))
                : "";
            modelState.AddModelError(key, refusal.Message);
        }
    }

    public static void AddTo<T>(this ModelStateDictionary modelState, Outcome<T> outcome, string prefix = "Input", Func<string, string>? rename = null) =>
        modelState.AddTo(outcome.AsOutcome, prefix, rename);

    private static string Pascal(string field) =>
        string.Join('.', field.Split('.').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
