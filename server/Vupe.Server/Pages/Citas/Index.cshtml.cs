using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vupe.Server.Appointments;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;
using Vupe.Server.Offices;

namespace Vupe.Server.Pages.Citas;

/// <summary>The day's appointments of the user's office (national users choose the office), for its consultants and supervisors.</summary>
[Authorize(Policy = Policies.WorkCases)]
public sealed class IndexModel(AppointmentCalendars calendars, OfficeDirectory offices, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Oficina { get; set; }

    public DateOnly Fecha { get; private set; }
    public bool National { get; private set; }
    public bool MayEditCalendar { get; private set; }
    public IReadOnlyList<Office> OfficeChoices { get; private set; } = [];
    public IReadOnlyList<DayAppointment> Day { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(DateOnly? fecha, CancellationToken ct)
    {
        var user = UserScope.From(User);
        National = user.IsNational;
        if (National)
        {
            OfficeChoices = await offices.ListAsync(ct);
            Oficina = OfficeChoices.Any(o => string.Equals(o.Code, Oficina, StringComparison.OrdinalIgnoreCase)) ? Oficina!.ToUpperInvariant() : (OfficeChoices.Count > 0 ? OfficeChoices[0].Code : null);
        }
        else Oficina = user.OfficeCode;
        if (Oficina is null) return NotFound();
        Fecha = fecha ?? AppointmentSlots.LimaDay(time.GetUtcNow());
        MayEditCalendar = AppointmentCalendars.MayEdit(user, Oficina);
        Day = await calendars.DayAsync(user, Oficina, Fecha, ct);
        return Page();
    }
}
