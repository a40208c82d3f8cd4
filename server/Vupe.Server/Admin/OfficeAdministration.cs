using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Data;
using Vupe.Server.Offices;
using Vupe.Server.Problems;

namespace Vupe.Server.Admin;

/// <summary>An office as administrators see it: where it is, how to reach it, how many people work there.</summary>
public sealed record OfficeAdminDto(string Code, string Name, string Region, string City, string? Address, string? Phone, string? Email, string? OpeningHours,
    int Users, int LockedUsers);

/// <summary>The contact data an administrator keeps; empty clears a field. The reason goes to the office's audit trail.</summary>
public sealed record OfficeContactRequest(string? Address, string? Phone, string? Email, string? OpeningHours, string? Reason);

/// <summary>
/// The 27 offices for administrators: the list with region, contact data and staff counts, and changes to the contact
/// data, audited in the office's trail (<c>office:{code}</c>) in the same save. Offices are neither created nor closed
/// here: their codes prefix case numbers and candidate groups, and the catalogue is seeded (<see cref="OfficeCatalog"/>).
/// </summary>
public sealed class OfficeAdministration(VupeDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<List<OfficeAdminDto>> ListAsync(CancellationToken ct)
    {
        var staff = await StaffAsync(ct);
        var all = await db.Offices.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        return [.. all.Select(o => ToDto(o, staff))];
    }

    public async Task<OfficeAdminDto> GetAsync(string code, CancellationToken ct)
    {
        var upper = code.ToUpperInvariant();
        var office = await db.Offices.AsNoTracking().FirstOrDefaultAsync(o => o.Code == upper, ct) ?? throw new NotFoundException($"Oficina {code}");
        return ToDto(office, await StaffAsync(ct));
    }

    public async Task<List<AdminTrailEntry>> TrailAsync(string code, CancellationToken ct) =>
        [.. (await audit.ReadAsync(AuditTrails.ForOffice(code.ToUpperInvariant()), ct)).OrderByDescending(e => e.Sequence)
            .Select(e => new AdminTrailEntry(e.At, e.ActorName, e.Action, UserAdministration.ReasonOf(e.Data), Readable(e.Data)))];

    /// <summary>The entry's data as people read it: indented, accents as they are (the page encodes it).</summary>
    private static string? Readable(string? data)
    {
        if (data is null) return null;
        using var json = System.Text.Json.JsonDocument.Parse(data);
        return System.Text.Json.JsonSerializer.Serialize(json.RootElement, ReadableJson);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ReadableJson =
        new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<OfficeAdminDto> UpdateContactAsync(string code, OfficeContactRequest request, CancellationToken ct)
    {
        var upper = code.ToUpperInvariant();
        var office = await db.Offices.FirstOrDefaultAsync(o => o.Code == upper, ct) ?? throw new NotFoundException($"Oficina {code}");
        var errors = new FieldErrors();
        var address = errors.Text("address", request.Address, 300, required: false);
        var phone = errors.Text("phone", request.Phone, 40, required: false);
        if (phone is not null && !phone.All(c => char.IsDigit(c) || c is ' ' or '+' or '-' or '(' or ')'))
            errors.Add("phone", "Solo dígitos, espacios y los signos + - ( ).");
        var email = errors.Text("email", request.Email, 256, required: false);
        if (email is not null && (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)) errors.Add("email", "Correo electrónico no válido.");
        var hours = errors.Text("openingHours", request.OpeningHours, 200, required: false);
        var reason = errors.Text("reason", request.Reason, 500, required: false);
        if (reason is null) errors.Add("reason", "Indique el motivo: queda en el registro de auditoría.");
        foreach (var (field, value) in new[] { ("address", address), ("openingHours", hours) })
            if (UnsafeText.HasUnsafeCharacters(value)) errors.Add(field, UnsafeText.NameMessage);
        errors.ThrowIfAny();

        var before = new { office.Address, office.Phone, office.Email, office.OpeningHours };
        (office.Address, office.Phone, office.Email, office.OpeningHours) = (address, phone, email, hours);
        audit.Stage(db, AuditTrails.ForOffice(office.Code), "office.contactChanged", new { before, after = new { address, phone, email, openingHours = hours }, reason });
        await db.SaveChangesAsync(ct);
        return ToDto(office, await StaffAsync(ct));
    }

    private async Task<List<(string? Office, bool Locked)>> StaffAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return [.. (await db.Users.AsNoTracking().Select(u => new { u.OfficeCode, u.LockoutEnabled, u.LockoutEnd }).ToListAsync(ct))
            .Select(u => (u.OfficeCode, u.LockoutEnabled && u.LockoutEnd > now))];
    }

    private static OfficeAdminDto ToDto(Office o, List<(string? Office, bool Locked)> staff) => new(o.Code, o.Name, Regions.NameOf(o.UbigeoDepartment), o.City,
        o.Address, o.Phone, o.Email, o.OpeningHours, staff.Count(s => s.Office == o.Code), staff.Count(s => s.Office == o.Code && s.Locked));
}

/// <summary>Peru's departments (regions) by INEI ubigeo code: what the office list shows instead of "15".</summary>
public static class Regions
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["01"] = "Amazonas", ["02"] = "Áncash", ["03"] = "Apurímac", ["04"] = "Arequipa", ["05"] = "Ayacucho", ["06"] = "Cajamarca", ["07"] = "Callao",
        ["08"] = "Cusco", ["09"] = "Huancavelica", ["10"] = "Huánuco", ["11"] = "Ica", ["12"] = "Junín", ["13"] = "La Libertad", ["14"] = "Lambayeque",
        ["15"] = "Lima", ["16"] = "Loreto", ["17"] = "Madre de Dios", ["18"] = "Moquegua", ["19"] = "Pasco", ["20"] = "Piura", ["21"] = "Puno",
        ["22"] = "San Martín", ["23"] = "Tacna", ["24"] = "Tumbes", ["25"] = "Ucayali",
    };

    public static string NameOf(string ubigeoDepartment) => Names.GetValueOrDefault(ubigeoDepartment, ubigeoDepartment);
}
