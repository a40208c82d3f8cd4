using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Appointments;
using Vupe.Server.Portal;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.MiVupe;

/// <summary>
/// The citizen's appointments: the list (cancel, change the date) and booking — service, office, day, then a free slot.
/// Which appointments are theirs is the account's ficha, never an id in the request (<see cref="AppointmentBook"/>).
/// </summary>
[Authorize(Policy = PortalAuthentication.Policy)]
public sealed class CitasModel(AppointmentBook book, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Servicio { get; set; }
    [BindProperty(SupportsGet = true)] public string? Oficina { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Fecha { get; set; }
    [BindProperty(SupportsGet = true, Name = "reprogramar")] public Guid? Rescheduling { get; set; }

    public IReadOnlyList<MyAppointment> Mine { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Offices { get; private set; } = [];
    public IReadOnlyList<OpenSlot> Slots { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Done { get; private set; }

    private Guid Account => PortalAuthentication.AccountOf(User)!.Value;

    public async Task OnGetAsync(string? hecho, CancellationToken ct)
    {
        Done = hecho switch
        {
            "reservada" => "Su cita quedó reservada. Le enviaremos un recordatorio por correo el día anterior.",
            "cambiada" => "Su cita cambió de fecha.",
            "cancelada" => "Su cita fue cancelada.",
            _ => null,
        };
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostReservarAsync(string? servicio, string? oficina, long? horario, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await book.BookAsync(Account, servicio, oficina, Instant(horario), ct);
            return Redirect("/mi-vupe/citas?hecho=reservada");
        }, ct);

    public Task<IActionResult> OnPostReprogramarAsync(Guid cita, long? horario, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await book.RescheduleAsync(Account, cita, Instant(horario), ct);
            return Redirect("/mi-vupe/citas?hecho=cambiada");
        }, ct);

    public Task<IActionResult> OnPostCancelarAsync(Guid cita, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await book.CancelAsync(Account, cita, ct);
            return Redirect("/mi-vupe/citas?hecho=cancelada");
        }, ct);

    private static DateTimeOffset? Instant(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>A refusal shows on the page with the citizen's choices kept; a slot taken meanwhile is a 409.</summary>
    private async Task<IActionResult> RunAsync(Func<Task<IActionResult>> step, CancellationToken ct)
    {
        try
        {
            return await step();
        }
        catch (FieldValidationException e)
        {
            foreach (var (_, messages) in e.Errors)
                foreach (var message in messages) ModelState.AddModelError(string.Empty, message);
        }
        catch (StateConflictException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (Vupe.Engine.NotFoundException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = AppointmentSlots.LimaDay(time.GetUtcNow());
        Mine = await book.MineAsync(Account, ct);
        if (Rescheduling is { } id && Mine.FirstOrDefault(a => a.Id == id && a.Booked && a.Upcoming) is { } moving)
            (Servicio, Oficina) = (moving.ServiceCode, moving.OfficeCode);
        else Rescheduling = null;
        if (Servicio is not null && !AppointmentBook.IsAppointmentService(Servicio)) Servicio = null;
        Offices = await book.OfficesForAsync(Servicio, ct);
        if (Oficina is not null && Offices.All(o => o.Code != Oficina)) Oficina = null;
        Oficina ??= Offices.Count > 0 && Fecha is not null ? Offices[0].Code : null;
        if (Servicio is not null && Oficina is not null && Fecha is { } day) Slots = await book.SlotsAsync(Servicio, Oficina, day, ct);
    }
}
