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

/// <summary>A citizen's job-bank profile: what they seek, recorded by a consultant; the rest follows the ficha.</summary>
public sealed class SeekerService(VupeDbContext db, AuditLog audit, NationalMatching matching, OccupationCatalog occupations, TimeProvider time) : IFichaObserver
{
    public const int MaxOccupations = 3;

    public async Task<SeekerDto?> FindAsync(Guid partyId, CancellationToken ct)
    {
        var seeker = await db.JobSeekers.AsNoTracking().FirstOrDefaultAsync(s => s.PartyId == partyId, ct);
        if (seeker is null) return null;
        await audit.AppendAsync(AuditTrails.ForParty(partyId), "jobseeker.read", null, ct);
        return ToDto(seeker);
    }

    /// <summary>Whether the party's consents let the job bank share the profile (<see cref="SeekerSnapshot.SharesProfile(IEnumerable{ConsentRecord})"/>), with or without a profile yet.</summary>
    public async Task<bool> SharesProfileAsync(Guid partyId, CancellationToken ct) =>
        SeekerSnapshot.SharesProfile(await db.Consents.AsNoTracking()
            .Where(c => c.PartyId == partyId && (c.Purpose == SeekerSnapshot.ConsentPurpose || c.Purpose == SeekerSnapshot.GeneralPurpose)).ToListAsync(ct));

    public async Task<SeekerDto> SaveAsync(Guid partyId, SeekerInput input, UserScope user, CancellationToken ct)
    {
        var party = await db.Parties.Include(p => p.Consents).FirstOrDefaultAsync(p => p.Id == partyId, ct)
            ?? throw new NotFoundException($"Party {partyId} does not exist.");
        var errors = new FieldErrors();
        if (party.Person is null) errors.Add("partyId", "La bolsa de trabajo registra personas; una empresa registra vacantes.");
        var sought = (input.Occupations ?? []).Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().ToList();
        if (sought.Count == 0) errors.Add("occupations", "Indique al menos una ocupación buscada.");
        if (sought.Count > MaxOccupations) errors.Add("occupations", $"Máximo {MaxOccupations} ocupaciones.");
        foreach (var code in sought.Where(c => !occupations.IsKnown(c))) errors.Add("occupations", $"La ocupación {code} no está en la clasificación.");
        var certifications = Terms(errors, "certifications", input.Certifications);
        if (input.ExpectedSalary is < 0 or > 1_000_000) errors.Add("expectedSalary", "Indique un monto entre 0 y 1 000 000.");
        errors.ThrowIfAny();

        var seeker = await db.JobSeekers.FirstOrDefaultAsync(s => s.PartyId == partyId, ct);
        var now = time.GetUtcNow();
        if (seeker is null)
        {
            // Unless told otherwise, a seeker looks in their own department: the common case, and never narrower than asked.
            seeker = new JobSeeker { PartyId = partyId, DisplayName = party.DisplayName, Ubigeo = "", OfficeCode = user.OfficeCode ?? party.RegisteredAtOffice, UpdatedBy = user.UserName, Mobility = Mobility.Region };
            db.JobSeekers.Add(seeker);
        }
        else if (input.Version is { } version && version != seeker.Version)
        {
            throw new ConflictException($"The job-bank profile of {partyId} is at version {seeker.Version}, the update read {version}.");
        }
        seeker.Occupations = sought;
        seeker.Mobility = input.Mobility ?? seeker.Mobility;
        seeker.Certifications = certifications;
        seeker.ExpectedSalary = input.ExpectedSalary;
        seeker.Active = input.Active ?? true;
        seeker.UpdatedAt = now;
        seeker.UpdatedBy = user.UserName;
        seeker.Version++;
        SeekerSnapshot.Refresh(seeker, party, DateOnly.FromDateTime(now.UtcDateTime));
        audit.Stage(db, AuditTrails.ForParty(partyId), "jobseeker.saved", new { seeker.Occupations, seeker.Mobility, seeker.Certifications, seeker.Active, seeker.SharesProfile, by = user.UserName });
        await db.SaveChangesAsync(ct);
        matching.Apply(seeker);
        return ToDto(seeker);
    }

    /// <summary>The ficha or the consents changed: the snapshot and the matching follow, in the ficha's transaction.</summary>
    public async Task<Action?> StageAsync(Party party, CancellationToken ct)
    {
        var seeker = await db.JobSeekers.FirstOrDefaultAsync(s => s.PartyId == party.Id, ct);
        if (seeker is null || party.Person is null) return null;
        var now = time.GetUtcNow();
        SeekerSnapshot.Refresh(seeker, party, DateOnly.FromDateTime(now.UtcDateTime));
        seeker.Version++;
        // Other nodes read the seekers changed lately by this stamp: a withdrawn consent must leave their index too.
        seeker.UpdatedAt = now;
        return () => matching.Apply(seeker);
    }

    internal SeekerDto ToDto(JobSeeker s) => new(
        s.PartyId, s.DisplayName, s.Occupations, [.. s.Occupations.Select(occupations.NameOf)], s.Mobility, s.Certifications, s.ExpectedSalary,
        s.Active, s.SharesProfile, EducationLevels.NameOf(s.EducationRank), s.ExperienceMonths, s.Skills, s.Ubigeo, Regions.NameOf(s.Ubigeo),
        s.OfficeCode, s.UpdatedAt, s.Version);

    internal static List<string> Terms(FieldErrors errors, string field, IReadOnlyList<string>? terms)
    {
        var list = (terms ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count > 30) errors.Add(field, "Máximo 30 elementos.");
        if (list.Any(t => t.Length > 100)) errors.Add(field, "Cada elemento tiene como máximo 100 caracteres.");
        return list;
    }
}
