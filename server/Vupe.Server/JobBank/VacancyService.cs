using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.JobBank.Classification;
using Vupe.JobBank.Matching;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Data;
using Vupe.Server.Parties;
using Vupe.Server.Problems;

namespace Vupe.Server.JobBank;

/// <summary>Vacancies: registered and edited by consultants on a company's behalf, searched nationally.</summary>
public sealed class VacancyService(VupeDbContext db, AuditLog audit, NationalMatching matching, OccupationCatalog occupations, TimeProvider time)
{
    public const int MaxPageSize = 100;

    /// <param name="publish">False for a company still in validation: the vacancy is kept <see cref="VacancyStatus.Held"/>, out of search and matching.</param>
    public async Task<VacancyDto> CreateAsync(VacancyInput input, UserScope user, CancellationToken ct, bool publish = true)
    {
        var errors = new FieldErrors();
        var company = input.CompanyPartyId is { } companyId ? await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == companyId, ct) : null;
        if (input.CompanyPartyId is null) errors.Add("companyPartyId", "Este campo es obligatorio.");
        else if (company is null) errors.Add("companyPartyId", "No existe una ficha con ese identificador.");
        else if (company.Kind != PartyKind.Company) errors.Add("companyPartyId", "Las vacantes son de empresas (ficha con RUC).");
        var now = time.GetUtcNow();
        var vacancy = new Vacancy
        {
            CompanyPartyId = input.CompanyPartyId ?? Guid.Empty, CompanyName = company?.DisplayName ?? "", OfficeCode = user.OfficeCode ?? "NAC",
            Title = "", Description = "", OccupationCode = "", Ubigeo = "", RegionCode = "", MinEducation = "", SearchText = "",
            CreatedAt = now, CreatedBy = user.UserName, UpdatedAt = now, Status = publish ? VacancyStatus.Open : VacancyStatus.Held,
        };
        Fill(vacancy, input, errors, DateOnly.FromDateTime(now.UtcDateTime));
        errors.ThrowIfAny();
        db.Vacancies.Add(vacancy);
        audit.Stage(db, AuditTrails.ForVacancy(vacancy.Id), "vacancy.created", Summary(vacancy, user));
        audit.Stage(db, AuditTrails.ForParty(vacancy.CompanyPartyId), "vacancy.created", new { vacancy.Id, vacancy.Title });
        await db.SaveChangesAsync(ct);
        matching.Apply(vacancy);
        return ToDto(vacancy);
    }

    public async Task<VacancyDto> UpdateAsync(Guid id, VacancyInput input, UserScope user, CancellationToken ct)
    {
        var vacancy = await LoadForChangeAsync(id, user, ct);
        if (input.Version is not { } version) throw new FieldValidationException(new Dictionary<string, string[]> { ["version"] = ["Envíe la versión que leyó."] });
        if (version != vacancy.Version) throw new ConflictException($"Vacancy {id} is at version {vacancy.Version}, the update read {version}.");
        if (vacancy.Status is not (VacancyStatus.Open or VacancyStatus.Held)) throw new StateConflictException("La vacante ya no está abierta; no se puede modificar.");
        var errors = new FieldErrors();
        if (input.CompanyPartyId is { } companyId && companyId != vacancy.CompanyPartyId) errors.Add("companyPartyId", "La empresa de una vacante no cambia.");
        Fill(vacancy, input, errors, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        errors.ThrowIfAny();
        vacancy.UpdatedAt = time.GetUtcNow();
        vacancy.Version++;
        audit.Stage(db, AuditTrails.ForVacancy(id), "vacancy.updated", Summary(vacancy, user));
        await db.SaveChangesAsync(ct);
        matching.Apply(vacancy);
        return ToDto(vacancy);
    }

    /// <summary>Closes an open vacancy before its date (withdrawn by the company, or filled outside the VUPE).</summary>
    public async Task<VacancyDto> CloseAsync(Guid id, long? version, UserScope user, CancellationToken ct)
    {
        var vacancy = await LoadForChangeAsync(id, user, ct);
        if (version is { } v && v != vacancy.Version) throw new ConflictException($"Vacancy {id} is at version {vacancy.Version}, the request read {v}.");
        if (vacancy.Status is not (VacancyStatus.Open or VacancyStatus.Held)) throw new StateConflictException("La vacante ya está cerrada.");
        vacancy.Status = VacancyStatus.Closed;
        vacancy.UpdatedAt = time.GetUtcNow();
        vacancy.Version++;
        audit.Stage(db, AuditTrails.ForVacancy(id), "vacancy.closed", new { by = user.UserName });
        await db.SaveChangesAsync(ct);
        matching.Apply(vacancy);
        return ToDto(vacancy);
    }

    /// <summary>
    /// The held vacancies of a company whose validation was decided: published (<paramref name="publish"/>) or closed.
    /// Staged on this request's context, which the caller saves together with the decision, then hands to <see cref="Rematch"/>.
    /// </summary>
    public async Task<IReadOnlyList<Vacancy>> ReleaseHeldAsync(Guid companyPartyId, bool publish, UserScope user, CancellationToken ct)
    {
        var held = await db.Vacancies.Where(v => v.CompanyPartyId == companyPartyId && v.Status == VacancyStatus.Held).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var vacancy in held)
        {
            vacancy.Status = publish ? VacancyStatus.Open : VacancyStatus.Closed;
            vacancy.UpdatedAt = now;
            vacancy.Version++;
            audit.Stage(db, AuditTrails.ForVacancy(vacancy.Id), publish ? "vacancy.published" : "vacancy.closed",
                new { by = user.UserName, reason = publish ? "empresa validada" : "empresa rechazada" });
        }
        return held;
    }

    /// <summary>Tells the national matching about vacancies whose state changed outside this service's own methods.</summary>
    public void Rematch(IEnumerable<Vacancy> changed)
    {
        foreach (var vacancy in changed) matching.Apply(vacancy);
    }

    public async Task<VacancyDto> GetAsync(Guid id, CancellationToken ct) =>
        ToDto(await db.Vacancies.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException($"Vacancy {id} does not exist."));

    /// <summary>
    /// National search: free text (full-text index over title, description, skills, company and occupation; accents and case
    /// ignored, words as prefixes), occupation, region, minimum salary, status (open by default). Newest first.
    /// </summary>
    public async Task<VacancyPage> SearchAsync(string? text, string? occupation, string? region, decimal? minSalary, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (pageNumber, size) = errors.Paging(page, pageSize, MaxPageSize);
        var state = errors.Choice<VacancyStatus>("status", status) ?? VacancyStatus.Open;
        if (region is { Length: > 0 } && !Regions.IsKnown(region)) errors.Add("region", "Región desconocida: use el código de departamento del INEI (01 a 25).");
        if (occupation is { Length: > 0 } && !occupations.IsKnown(occupation)) errors.Add("occupation", "Ocupación desconocida.");
        var words = FullTextQuery.Words(text);
        if (text is { Length: > 200 }) errors.Add("q", "Máximo 200 caracteres.");
        errors.ThrowIfAny();

        var query = (words.Count == 0 ? db.Vacancies : FullTextQuery.Matching(db, words)).AsNoTracking();
        query = query.Where(v => v.Status == state);
        if (state == VacancyStatus.Open)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            query = query.Where(v => v.ClosingDate >= today);
        }
        if (occupation is { Length: > 0 }) query = query.Where(v => v.OccupationCode == occupation);
        if (region is { Length: > 0 }) query = query.Where(v => v.RegionCode == region);
        if (minSalary is { } salary) query = query.Where(v => v.SalaryMax >= salary || v.SalaryMin >= salary);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Id).Skip((pageNumber - 1) * size).Take(size).ToListAsync(ct);
        return new VacancyPage([.. items.Select(ToDto)], total, pageNumber, size);
    }

    internal VacancyDto ToDto(Vacancy v) => new(
        v.Id, v.CompanyPartyId, v.CompanyName, v.OfficeCode, v.Title, v.Description, v.OccupationCode, occupations.NameOf(v.OccupationCode),
        v.Ubigeo, v.RegionCode, Regions.NameOf(v.RegionCode), v.Remote, v.MinEducation, v.MinExperienceMonths, v.Certifications, v.Skills,
        v.SalaryMin, v.SalaryMax, v.Positions, v.PositionsFilled, v.ClosingDate, v.Status, JobBankTexts.Of(v.Status), v.CreatedAt, v.CreatedBy, v.Version);

    private async Task<Vacancy> LoadForChangeAsync(Guid id, UserScope user, CancellationToken ct)
    {
        var vacancy = await db.Vacancies.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException($"Vacancy {id} does not exist.");
        // Vacancies are national to read; the office that registered one answers for it.
        if (!user.CanSeeOffice(vacancy.OfficeCode)) throw new AccessDeniedException("La vacante la gestiona otra oficina.");
        return vacancy;
    }

    private void Fill(Vacancy v, VacancyInput r, FieldErrors errors, DateOnly today)
    {
        v.Title = errors.Text("title", r.Title, 200) ?? "";
        v.Description = errors.Text("description", r.Description, 4000) ?? "";
        if (r.OccupationCode is not { } occupation || !occupations.IsKnown(occupation.Trim()))
            errors.Add("occupationCode", "Elija una ocupación de la clasificación.");
        else v.OccupationCode = occupation.Trim();
        if (!Regions.IsValidUbigeo(r.Ubigeo?.Trim())) errors.Add("ubigeo", "Ubigeo no válido: 2, 4 o 6 dígitos de un departamento del Perú.");
        else
        {
            v.Ubigeo = r.Ubigeo!.Trim();
            v.RegionCode = Regions.DepartmentOf(v.Ubigeo);
        }
        v.Remote = r.Remote;
        var education = string.IsNullOrWhiteSpace(r.MinEducation) ? "sin-estudios" : r.MinEducation.Trim();
        if (!EducationLevels.IsKnown(education)) errors.Add("minEducation", "Nivel educativo desconocido (sin-estudios, primaria, secundaria, tecnica, universitaria o posgrado).");
        v.MinEducation = education;
        if (r.MinExperienceMonths is < 0 or > 600) errors.Add("minExperienceMonths", "Entre 0 y 600 meses.");
        v.MinExperienceMonths = r.MinExperienceMonths ?? 0;
        v.Certifications = SeekerService.Terms(errors, "certifications", r.Certifications);
        v.Skills = SeekerService.Terms(errors, "skills", r.Skills);
        if (r.SalaryMin is < 0 || r.SalaryMax is < 0) errors.Add("salaryMin", "El sueldo no puede ser negativo.");
        if (r.SalaryMin is { } min && r.SalaryMax is { } max && min > max) errors.Add("salaryMax", "El sueldo máximo es menor que el mínimo.");
        v.SalaryMin = r.SalaryMin;
        v.SalaryMax = r.SalaryMax;
        if (r.Positions is not (>= 1 and <= 1000)) errors.Add("positions", "Entre 1 y 1000 puestos.");
        else if (r.Positions < v.PositionsFilled) errors.Add("positions", $"Ya hay {v.PositionsFilled} puestos cubiertos.");
        v.Positions = r.Positions ?? 1;
        if (r.ClosingDate is not { } closing) errors.Add("closingDate", "Este campo es obligatorio.");
        else if (closing < today) errors.Add("closingDate", "La fecha de cierre ya pasó.");
        else if (closing > today.AddYears(1)) errors.Add("closingDate", "Como máximo un año desde hoy.");
        else v.ClosingDate = closing;
        v.SearchText = TextFolding.Fold(string.Join(' ', [v.Title, v.Description, v.CompanyName, occupations.NameOf(v.OccupationCode), .. v.Skills]));
    }

    private static object Summary(Vacancy v, UserScope user) => new
    {
        v.Title, v.OccupationCode, v.Ubigeo, v.Remote, v.MinEducation, v.MinExperienceMonths, v.Certifications, v.Skills,
        v.SalaryMin, v.SalaryMax, v.Positions, v.ClosingDate, by = user.UserName,
    };
}
