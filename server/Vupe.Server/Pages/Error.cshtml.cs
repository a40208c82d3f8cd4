using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vupe.Server.Pages;

/// <summary>The Spanish page every bodiless error of a page ends on (re-executed by the status code pages), signed in or not.</summary>
[AllowAnonymous]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int codigo) => Code = codigo is >= 400 and <= 599 ? codigo : 500;
}
