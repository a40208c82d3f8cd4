using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.Parties;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Atender;

/// <summary>
/// The front desk: search a citizen by DNI (or a company by RUC); open their ficha única, or register it when there
/// is none. Validation errors stay next to the fields with what was typed.
/// </summary>
[Authorize(Policy = Policies.WorkCases)]
public sealed class IndexModel(PartyDirectory parties) : PageModel
{
    [BindProperty(SupportsGet = true)] public DocumentType Tipo { get; set; } = DocumentType.Dni;
    [BindProperty(SupportsGet = true)] public string? Documento { get; set; }
    [BindProperty] public string? Nombres { get; set; }
    [BindProperty] public string? ApellidoPaterno { get; set; }
    [BindProperty] public string? ApellidoMaterno { get; set; }
    [BindProperty] public DateOnly? FechaNacimiento { get; set; }
    [BindProperty] public string? Telefono { get; set; }
    [BindProperty] public string? RazonSocial { get; set; }
    [BindProperty] public bool Consentimiento { get; set; }

    /// <summary>True once a search found nothing: the page offers to register the ficha.</summary>
    public bool NothingFound { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Documento)) return Page();
        var number = Documento.Trim().ToUpperInvariant();
        var found = (await parties.SearchAsync(number, null, ct)).FirstOrDefault(p => p.DocumentNumber == number && p.DocumentType == Tipo)
            ?? (await parties.SearchAsync(number, null, ct)).FirstOrDefault(p => p.DocumentNumber == number);
        if (found is not null) return Redirect($"/atender/ficha/{found.Id}");
        NothingFound = true;
        return Page();
    }

    public async Task<IActionResult> OnPostRegistrarAsync(CancellationToken ct)
    {
        NothingFound = true;
        var user = UserScope.From(User);
        if (!Consentimiento) ModelState.AddModelError(nameof(Consentimiento), "Registre el consentimiento del titular (Ley 29733) antes de crear la ficha.");
        try
        {
            if (!ModelState.IsValid) return Page();
            var consent = new ConsentInput("tratamiento-datos", true, "escrito", "v1");
            var created = Tipo == DocumentType.Ruc
                ? await parties.CreateCompanyAsync(new CreateCompanyRequest(Documento, RazonSocial, null, null, null, null, null, null, Telefono, null), user, ct)
                : await parties.CreatePersonAsync(new CreatePersonRequest(Tipo, Documento, null, Nombres, ApellidoPaterno, ApellidoMaterno, FechaNacimiento,
                    null, null, Telefono, null, null, null, consent), user, ct);
            return Redirect($"/atender/ficha/{created.Id}");
        }
        catch (FieldValidationException e)
        {
            // The title says what went wrong as a whole ("Los datos no coinciden con RENIEC: nombres…"); each field says how.
            if (e.Title is { } title) ModelState.AddModelError(string.Empty, title);
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages) ModelState.AddModelError(FieldOf(field), message);
            return Page();
        }
        catch (DuplicatePartyException d)
        {
            return Redirect($"/atender/ficha/{d.ExistingId}");
        }
    }

    private static string FieldOf(string key) => key switch
    {
        "documentNumber" or "ruc" => nameof(Documento),
        "givenNames" => nameof(Nombres),
        "paternalSurname" => nameof(ApellidoPaterno),
        "maternalSurname" => nameof(ApellidoMaterno),
        "birthDate" => nameof(FechaNacimiento),
        "phone" or "contactPhone" => nameof(Telefono),
        "legalName" => nameof(RazonSocial),
        _ => string.Empty,
    };
}
