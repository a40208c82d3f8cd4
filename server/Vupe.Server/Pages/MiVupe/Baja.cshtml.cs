using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vupe.Server.Certificates;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>
/// The unsubscribe link of a vacancy mail: withdraws the «comunicaciones» consent of the account the link names, without
/// signing in. The GET only asks (mail scanners open links); the withdrawal is the POST.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicVerificationEndpoints.CitizenRequestPolicy)]
public sealed class BajaModel(CommunicationsConsent consent) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }

    public bool Valid { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Valid = await consent.AccountOfAsync(Token, ct) is not null;

    public async Task OnPostAsync(CancellationToken ct) => Valid = Done = await consent.WithdrawAsync(Token, ct);
}
