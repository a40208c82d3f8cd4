using Microsoft.EntityFrameworkCore;
using Vupe.Engine;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Data;
using Vupe.Server.Offices;
using Vupe.Server.Problems;
using Vupe.Workflows;

namespace Vupe.Server.Deployments;

public sealed record DraftInput(string? FileName, string? Content, long? Version);

public sealed record DraftDto(string Key, string FileName, string Content, string UpdatedBy, string? OfficeCode, DateTimeOffset UpdatedAt, long Version)
{
    public static DraftDto From(Draft d) => new(d.Key, d.FileName, d.Content, d.UpdatedBy, d.OfficeCode, d.UpdatedAt, d.Version);
}

public sealed record CatalogItemDto(string Key, string? Name, IReadOnlyList<int> Versions);

/// <summary>What the designer's properties panel offers: task types the server handles, offices and their groups, deployed forms and decisions.</summary>
public sealed record DesignerCatalogDto(IReadOnlyList<string> TaskTypes, IReadOnlyList<OfficeItemDto> Offices, IReadOnlyList<string> GroupPatterns,
    IReadOnlyList<CatalogItemDto> Forms, IReadOnlyList<CatalogItemDto> Decisions, IReadOnlyList<CatalogItemDto> Processes);

public sealed record OfficeItemDto(string Code, string Name);

/// <summary>
/// The designer's own operations: its catalog, and drafts — files kept on the server while they are designed, which
/// never change what runs; deploying a draft publishes it as a new version (national supervisors and admins). Office
/// supervisors save and test drafts of their office. Every change is written in the catalogue's audit trail.
/// </summary>
public sealed class DesignerService(ProcessEngine engine, CaseAccess access, IDbContextFactory<VupeDbContext> contexts, OfficeDirectory offices,
    DeploymentService deployments, AuditLog audit, TimeProvider time)
{
    public const int MaxDraftBytes = 2 * 1024 * 1024;

    public async Task<DesignerCatalogDto> CatalogAsync(CancellationToken ct)
    {
        var resources = await engine.Repository.ListResourcesAsync(ct: ct);
        List<CatalogItemDto> Items(string kind) => [.. resources.Where(r => r.Kind == kind).GroupBy(r => r.Key)
            .Select(g => new CatalogItemDto(g.Key, g.MaxBy(r => r.Version)!.Name, [.. g.Select(r => r.Version)]))];
        var processes = (await engine.Repository.ListDefinitionsAsync(ct: ct)).GroupBy(d => d.Key)
            .Select(g => new CatalogItemDto(g.Key, g.MaxBy(d => d.Version)!.Name, [.. g.Select(d => d.Version)])).ToList();
        var groups = new List<string> { "{oficina}-consultor", "{oficina}-supervisor" };
        groups.AddRange(VupeServices.All.Concat(VupeAccreditations.All).Select(s => $"{{oficina}}-{s.Code}"));
        return new DesignerCatalogDto([.. engine.TaskTypes.Order(StringComparer.Ordinal)],
            [.. (await offices.ListAsync(ct)).Select(o => new OfficeItemDto(o.Code, o.Name))], groups,
            Items(ResourceKinds.Form), Items(ResourceKinds.Decision), processes);
    }

    public async Task<List<DraftDto>> DraftsAsync(CancellationToken ct)
    {
        var user = access.Scope;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var drafts = db.Drafts.AsNoTracking();
        if (!user.IsNational) drafts = drafts.Where(d => d.OfficeCode == user.OfficeCode);
        return [.. (await drafts.OrderBy(d => d.Key).ToListAsync(ct)).Select(DraftDto.From)];
    }

    public async Task<DraftDto> DraftAsync(string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return DraftDto.From(await FindVisibleAsync(db, key, ct) ?? throw new NotFoundException($"Draft {key} does not exist."));
    }

    /// <summary>Creates or replaces a draft; with <see cref="DraftInput.Version"/>, a draft changed since it was read is a 409.</summary>
    public async Task<DraftDto> SaveDraftAsync(string key, DraftInput input, CancellationToken ct)
    {
        var user = access.Scope;
        var errors = new FieldErrors();
        var name = errors.Text("key", key, 200);
        var fileName = errors.Text("fileName", input.FileName, 200);
        if (fileName is not null && !(fileName.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase)
                || fileName.EndsWith(FormResourceKind.Extension, StringComparison.OrdinalIgnoreCase)))
            errors.Add("fileName", "Use un archivo .bpmn, .dmn o .form.json.");
        if (string.IsNullOrEmpty(input.Content)) errors.Add("content", "El borrador está vacío.");
        else if (input.Content.Length > MaxDraftBytes) errors.Add("content", $"Como máximo {MaxDraftBytes / 1024 / 1024} MB.");
        errors.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Key == name, ct);
        if (draft is not null && !Visible(draft)) throw new StateConflictException("Ese borrador pertenece a otra oficina.");
        if (draft is not null && input.Version is { } version && version != draft.Version)
            throw new StateConflictException("Otro usuario cambió el borrador; vuelva a abrirlo.");
        if (draft is null) db.Drafts.Add(draft = new Draft { Key = name!, FileName = fileName!, Content = input.Content!, UpdatedBy = user.UserName });
        draft.FileName = fileName!;
        draft.Content = input.Content!;
        draft.UpdatedBy = user.UserName;
        draft.OfficeCode = user.OfficeCode;
        draft.UpdatedAt = time.GetUtcNow();
        draft.Version++;
        audit.Stage(db, AuditTrails.Catalogue, "draft.saved", new { key = name, fileName, bytes = input.Content!.Length });
        await db.SaveChangesAsync(ct);
        return DraftDto.From(draft);
    }

    public async Task DeleteDraftAsync(string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var draft = await FindVisibleAsync(db, key, ct, tracked: true) ?? throw new NotFoundException($"Draft {key} does not exist.");
        db.Drafts.Remove(draft);
        audit.Stage(db, AuditTrails.Catalogue, "draft.deleted", new { key });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Publishes the draft as a new version (all-or-nothing, as any deployment) and removes it.</summary>
    public async Task<DeploymentCreatedDto> DeployDraftAsync(string key, CancellationToken ct)
    {
        var draft = await DraftAsync(key, ct);
        var created = await deployments.DeployAsync($"borrador {key}", [new DeploymentResource(draft.FileName, draft.Content)], ct);
        await DeleteDraftAsync(key, ct);
        return created;
    }

    private bool Visible(Draft draft) => access.Scope.IsNational || draft.OfficeCode == access.Scope.OfficeCode;

    private async Task<Draft?> FindVisibleAsync(VupeDbContext db, string key, CancellationToken ct, bool tracked = false)
    {
        var query = tracked ? db.Drafts : db.Drafts.AsNoTracking();
        var draft = await query.FirstOrDefaultAsync(d => d.Key == key, ct);
        return draft is not null && Visible(draft) ? draft : null;
    }
}
