using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Hosting;
using Vupe.Server.JobBank;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Bolsa;

/// <summary>Información del mercado de trabajo by region from the platform's own data, exportable as CSV.</summary>
[Authorize(Policy = Policies.ReadCases)]
public sealed class MercadoModel(LabourMarketReport report) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }

    public LabourMarketReportDto? Report { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Report = await report.ForAsync(Region, null, 100, ct);
        }
        catch (FieldValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }
}
