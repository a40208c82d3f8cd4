using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.JobBank;
using Vupe.Server.Portal.Companies;

namespace Vupe.Server.Pages.Empresas;

/// <summary>The company's home: its vacancies with their state and filled positions.</summary>
[Authorize(Policy = CompanyAuthentication.Policy)]
public sealed class IndexModel(CompanyAccounts accounts, CompanyVacancies vacancies) : PageModel
{
    public CompanyProfileView Company { get; private set; } = null!;
    public IReadOnlyList<VacancyDto> Vacancies { get; private set; } = [];
    public bool Welcome { get; private set; }

    public async Task OnGetAsync(bool bienvenida, CancellationToken ct)
    {
        var account = CompanyAuthentication.AccountOf(User)!.Value;
        Company = await accounts.ProfileAsync(account, ct);
        Vacancies = await vacancies.ListAsync(account, ct);
        Welcome = bienvenida;
    }
}
