using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Problems;
using Vupe.Server.Trust;

namespace Vupe.Server.Portal;

/// <summary>What the portal's forms do with a refusal: field errors under their fields, too many attempts as a 429 with Retry-After.</summary>
public static class PortalForms
{
    /// <param name="fieldOf">The page property a service's error key belongs to ("dni" → "Dni"); empty for the page's summary.</param>
    /// <param name="tooMany">Called with the Spanish refusal when the DNI or address tried too often.</param>
    public static async Task<IActionResult> RunAsync(PageModel page, Func<Task<IActionResult>> step, Func<string, string> fieldOf, Action<string> tooMany)
    {
        try
        {
            return await step();
        }
        catch (FieldValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages) page.ModelState.AddModelError(fieldOf(field), message);
            return page.Page();
        }
        catch (TooManyAttemptsException e)
        {
            tooMany(e.Message);
            page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            page.Response.Headers.RetryAfter = e.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return page.Page();
        }
    }
}
