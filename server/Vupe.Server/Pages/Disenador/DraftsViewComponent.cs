using Microsoft.AspNetCore.Mvc;
using Vupe.Server.Deployments;

namespace Vupe.Server.Pages.Disenador;

/// <summary>
/// The "Borradores" block of the designer: the drafts the user may see (their office's; all for national users), each
/// with "Abrir" (the modeler on /disenador/proceso?borrador=KEY) and "Descartar" (a post to /disenador/borradores).
/// A view component so that the designer's start page only has to place it.
/// </summary>
[ViewComponent(Name = "Borradores")]
public sealed class DraftsViewComponent(DesignerService designer) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await designer.DraftsAsync(HttpContext.RequestAborted));
}
