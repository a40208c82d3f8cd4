using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Problems;

namespace Vupe.Server.Inbox;

/// <summary>An inbox filter a user saved under a name: the inbox's query string without its page.</summary>
public sealed record SavedInboxFilter(string Name, string Query);

/// <summary>
/// The inbox filters each user saves, lists, applies and deletes. Kept as ASP.NET Identity user claims
/// (<see cref="ClaimType"/>, one claim per filter holding its name and query as JSON) — the per-user store the schema
/// already has; <see cref="VupeClaimsFactory"/> keeps them out of cookies and tokens.
/// </summary>
public sealed class SavedInboxFilters(UserManager<VupeUser> users, CaseAccess access)
{
    public const string ClaimType = "vupe:filtro-bandeja";
    public const int MaxFilters = 20;
    public const int MaxNameLength = 60;

    /// <summary>The inbox's query parameters a filter keeps; anything else in a saved query is dropped.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
        { "vista", "procedimiento", "sla", "venceAntes", "documento", "urgentes", "servicio", "orden" };

    public async Task<IReadOnlyList<SavedInboxFilter>> ListAsync(CancellationToken ct)
    {
        var user = await CurrentAsync(ct);
        return [.. Read(await users.GetClaimsAsync(user)).Select(f => f.Filter).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Saves the filter values under <paramref name="name"/>, replacing a filter of that name.</summary>
    public async Task SaveAsync(string? name, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var trimmed = errors.Text("nombre", name, MaxNameLength);
        errors.ThrowIfAny();
        var user = await CurrentAsync(ct);
        var existing = Read(await users.GetClaimsAsync(user));
        var same = existing.FirstOrDefault(f => string.Equals(f.Filter.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        if (same.Claim is null && existing.Count >= MaxFilters)
            errors.Add("nombre", $"Puede guardar hasta {MaxFilters} filtros; borre alguno antes.").ThrowIfAny();
        var query = Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => Keys.Contains(v.Key) && !string.IsNullOrEmpty(v.Value)).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Value ?? "";
        var claim = new Claim(ClaimType, JsonSerializer.Serialize(new SavedInboxFilter(trimmed!, query.TrimStart('?'))));
        var result = same.Claim is null ? await users.AddClaimAsync(user, claim) : await users.ReplaceClaimAsync(user, same.Claim, claim);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public async Task DeleteAsync(string? name, CancellationToken ct)
    {
        var user = await CurrentAsync(ct);
        var found = Read(await users.GetClaimsAsync(user)).FirstOrDefault(f => f.Filter.Name == name);
        if (found.Claim is null) throw new Vupe.Engine.NotFoundException($"No saved filter '{name}'.");
        await users.RemoveClaimAsync(user, found.Claim);
    }

    private async Task<VupeUser> CurrentAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return await users.FindByIdAsync(access.Scope.UserId) ?? throw new AccessDeniedException("Usuario desconocido.");
    }

    private static List<(Claim Claim, SavedInboxFilter Filter)> Read(IEnumerable<Claim> claims) =>
        [.. claims.Where(c => c.Type == ClaimType).Select(c => (c, Parse(c.Value))).Where(x => x.Item2 is not null).Select(x => (x.c, x.Item2!))];

    private static SavedInboxFilter? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SavedInboxFilter>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
