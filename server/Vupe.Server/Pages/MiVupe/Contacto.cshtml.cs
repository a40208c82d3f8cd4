using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Portal;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>Corrects the citizen's email or mobile: a code goes to the new one, and only the right code saves it (verified) on the ficha.</summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class ContactoModel(CitizenAccounts accounts) : PageModel
{
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Code { get; set; }

    public string? CodeSent { get; private set; }
    public string? TooMany { get; private set; }
    public bool AsksForCode => CodeSent is not null;

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public void OnGet() { }

    public Task<IActionResult> OnPostCodigoAsync(CancellationToken ct) => PortalForms.RunAsync(this, async () =>
    {
        var sent = await accounts.StartContactChangeAsync(Account, Contact, ct);
        CodeSent = $"Enviamos un código de 6 dígitos a {sent.MaskedDestination}. Escríbalo para guardar el nuevo contacto; vence en 10 minutos.";
        ModelState.Remove(nameof(Code));
        Code = null;
        return Page();
    }, FieldOf, m => TooMany = m);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => PortalForms.RunAsync(this, async () =>
    {
        CodeSent = "Escriba el código de 6 dígitos que le enviamos.";
        await accounts.CompleteContactChangeAsync(Account, Contact, Code, ct);
        return Redirect("/mi-vupe");
    }, field =>
    {
        if (field == "contact") CodeSent = null;
        return FieldOf(field);
    }, m => { CodeSent = null; TooMany = m; });

    private static string FieldOf(string key) => key switch
    {
        "contact" => nameof(Contact),
        "code" => nameof(Code),
        _ => string.Empty,
    };
}
