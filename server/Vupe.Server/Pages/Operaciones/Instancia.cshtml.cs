using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Engine;
using Vupe.Server.Hosting;
using Vupe.Server.Operations;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Operaciones;

/// <summary>One instance and the operator's interventions on it, each with a reason (the same service and checks as the API).</summary>
[Authorize(Policy = Policies.Operate)]
public sealed class InstanciaModel(OperationsConsole console) : PageModel
{
    public OperationsInstanceDetail Detail { get; private set; } = null!;
    public IReadOnlyList<string> Errors { get; private set; } = [];
    /// <summary>Which form the errors belong to, so its fields keep what was typed.</summary>
    public string? FailedAction { get; private set; }
    [TempData] public string? Aviso { get; set; }

    [BindProperty] public string? Motivo { get; set; }
    [BindProperty] public string? Desde { get; set; }
    [BindProperty] public string? Hacia { get; set; }
    [BindProperty] public string? Nombre { get; set; }
    [BindProperty] public string? Valor { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostSuspenderAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "suspender", () => console.SuspendAsync(id, Motivo, ct), "El proceso quedó suspendido.", ct);

    public Task<IActionResult> OnPostReanudarAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "reanudar", () => console.ResumeAsync(id, Motivo, ct), "El proceso se reanudó.", ct);

    public Task<IActionResult> OnPostAnularAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "anular", () => console.CancelAsync(id, Motivo, ct), "El proceso fue anulado.", ct);

    public Task<IActionResult> OnPostMoverAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "mover", () => console.MoveTokenAsync(id, Desde, Hacia, Motivo, ct), $"El token pasó de «{Desde}» a «{Hacia}».", ct);

    public Task<IActionResult> OnPostVariableAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "variable", () => console.SetVariablesAsync(id, string.IsNullOrWhiteSpace(Nombre) ? null : new Dictionary<string, JsonElement> { [Nombre.Trim()] = ValueOf(Valor) },
            Motivo, ct), $"La variable «{Nombre?.Trim()}» se actualizó.", ct);

    /// <summary>What the operator typed: JSON when it is (a number, true, a list), else the text itself.</summary>
    private static JsonElement ValueOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return JsonSerializer.SerializeToElement("");
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    private async Task<IActionResult> ActAsync(Guid id, string action, Func<Task> act, string done, CancellationToken ct)
    {
        try
        {
            await act();
            Aviso = done;
            return Redirect($"/operaciones/instancias/{id}");
        }
        catch (FieldValidationException e)
        {
            Errors = [.. e.Errors.SelectMany(x => x.Value)];
            FailedAction = action;
        }
        catch (StateConflictException e)
        {
            Errors = [e.Message];
            FailedAction = action;
        }
        catch (AccessDeniedException)
        {
            return Forbid();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Detail = await console.InstanceAsync(id, ct);
            return null;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
