using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Appointments;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.Offices;
using Vupe.Server.Problems;

namespace Vupe.Server.Pages.Citas;

/// <summary>An office's appointment calendars, one per service attended by appointment: kept by its supervisors, or an administrator.</summary>
[Authorize(Policy = Policies.Design)]
public sealed class CalendarioModel(AppointmentCalendars calendars, OfficeDirectory offices) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Oficina { get; set; }

    public bool National { get; private set; }
    public bool Saved { get; private set; }
    public IReadOnlyList<Office> OfficeChoices { get; private set; } = [];
    public IReadOnlyList<AppointmentCalendar> Calendars { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(bool guardado, CancellationToken ct)
    {
        Saved = guardado;
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(string? servicio, string? opensAt, string? closesAt, int? slotMinutes, int? capacity, List<int>? openDays, string? closedDates,
        CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        try
        {
            await calendars.SaveAsync(UserScope.From(User), Oficina!, servicio ?? "", new CalendarInput(opensAt, closesAt, slotMinutes, capacity, openDays, closedDates), ct);
            return Redirect($"/citas/calendario?oficina={Oficina}&guardado=true");
        }
        catch (FieldValidationException e)
        {
            foreach (var (_, messages) in e.Errors)
                foreach (var message in messages) ModelState.AddModelError(string.Empty, message);
            return Page();
        }
    }

    /// <summary>The office whose calendars are shown: the user's own, or the one a national user chose; false when the user may not edit it.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var user = UserScope.From(User);
        National = user.IsNational;
        if (National)
        {
            OfficeChoices = await offices.ListAsync(ct);
            Oficina = OfficeChoices.Any(o => string.Equals(o.Code, Oficina, StringComparison.OrdinalIgnoreCase)) ? Oficina!.ToUpperInvariant() : (OfficeChoices.Count > 0 ? OfficeChoices[0].Code : null);
        }
        else Oficina = user.OfficeCode;
        if (Oficina is null || !AppointmentCalendars.MayEdit(user, Oficina)) return false;
        Calendars = await calendars.ListAsync(Oficina, ct);
        return true;
    }
}
