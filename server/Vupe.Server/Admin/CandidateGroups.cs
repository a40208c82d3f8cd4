using System.Xml.Linq;
using Vupe.Engine;
using Vupe.Feel;
using Vupe.Server.Auth;
using Vupe.Server.Offices;
using Vupe.Server.Procedures;
using Vupe.Workflows;

namespace Vupe.Server.Admin;

public enum CandidateGroupKind { Consultants, Supervisors, Service, Accreditation }

/// <summary>
/// A candidate group of an office. Groups are not stored: a user belongs to <c>{office}-consultor</c> by the consultant
/// or supervisor role, to <c>{office}-supervisor</c> by the supervisor role and to <c>{office}-{service}</c> by the
/// service (or accreditation) in their account, at their office (<see cref="UserScope.CandidateGroupsOf"/>). So adding
/// someone to a group is giving them that role or service.
/// </summary>
public sealed record CandidateGroup(string OfficeCode, string Suffix, CandidateGroupKind Kind)
{
    public string Code => $"{OfficeCode}-{Suffix}";

    public string Name => Kind switch
    {
        CandidateGroupKind.Consultants => "Consultores",
        CandidateGroupKind.Supervisors => "Supervisores",
        CandidateGroupKind.Accreditation => VupeAccreditations.All.First(a => a.Code == Suffix).Name,
        _ => VupeServices.Get(Suffix).Name,
    };

    /// <summary>What membership is, in the account: said on the page next to the members.</summary>
    public string Grants => Kind switch
    {
        CandidateGroupKind.Consultants => "el rol consultor(a) o supervisor(a) en la oficina",
        CandidateGroupKind.Supervisors => "el rol supervisor(a) en la oficina",
        CandidateGroupKind.Accreditation => "la acreditación en la cuenta, en la oficina",
        _ => "el servicio en la cuenta, en la oficina",
    };

    public bool MembersOf(string? userOffice, IReadOnlyCollection<string> roles, IEnumerable<string> services) =>
        string.Equals(userOffice, OfficeCode, StringComparison.Ordinal) && UserScope.CandidateGroupsOf(OfficeCode, roles, services).Contains(Code);

    /// <summary>Every group an office has: consultants, supervisors, one per service and accreditation.</summary>
    public static IReadOnlyList<CandidateGroup> OfOffice(string officeCode) =>
    [
        new(officeCode, "consultor", CandidateGroupKind.Consultants),
        new(officeCode, "supervisor", CandidateGroupKind.Supervisors),
        .. VupeServices.All.Select(s => new CandidateGroup(officeCode, s.Code, CandidateGroupKind.Service)),
        .. VupeAccreditations.All.Select(a => new CandidateGroup(officeCode, a.Code, CandidateGroupKind.Accreditation)),
    ];

    /// <summary>"LIM-bolsa-trabajo" → office LIM, service bolsa-trabajo; null for a code that names no group.</summary>
    public static CandidateGroup? Parse(string? code)
    {
        var dash = code?.IndexOf('-') ?? -1;
        if (code is null || dash <= 0) return null;
        var office = code[..dash].ToUpperInvariant();
        var suffix = code[(dash + 1)..];
        return OfOffice(office).FirstOrDefault(g => g.Suffix == suffix);
    }
}

/// <summary>One user task of a deployed procedure and where it goes at an office.</summary>
/// <param name="Groups">The groups it is offered to at the office (empty when they depend on the case, see <see cref="Note"/>).</param>
/// <param name="Note">Why the groups are not fixed ("según el servicio derivado"), or null.</param>
public sealed record TaskRoute(string ProcedureKey, string ProcedureName, int Version, string TaskId, string TaskName, string Expression,
    IReadOnlyList<string> Groups, string? CandidateUsers, string? Note);

public sealed record GroupView(string Code, string Name, CandidateGroupKind Kind, string Grants, IReadOnlyList<UserDto> Members, IReadOnlyList<TaskRoute> Tasks);

/// <summary>An office's candidate groups with their members and tasks, and every task of the catalogue with its group there.</summary>
public sealed record OfficeGroups(Office Office, IReadOnlyList<GroupView> Groups, IReadOnlyList<TaskRoute> Routes, IReadOnlyList<UserDto> OfficeUsers);

/// <summary>
/// Which group each user task of the deployed procedures (latest versions) goes to at an office, and who is in it. The
/// task's <c>vupe:candidateGroups</c> is evaluated as the engine does, with <c>officeCode</c> set to the office; a
/// service procedure's <c>servicio</c> is its own key (the referral that opens it says so), in a procedure that serves
/// several services (Derivación a un servicio) the group depends on the referral and is shown as a pattern.
/// </summary>
public sealed class CandidateGroupDirectory(ProcessEngine engine, ProcedureCatalog procedures, OfficeDirectory offices, UserAdministration users)
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Vupe = "http://vupecases.pe/schema/bpmn/1.0";

    public async Task<OfficeGroups> ForOfficeAsync(string officeCode, CancellationToken ct)
    {
        var code = officeCode.Trim().ToUpperInvariant();
        var office = (await offices.ListAsync(ct)).FirstOrDefault(o => o.Code == code) ?? throw new NotFoundException($"Oficina {officeCode}");
        var routes = await RoutesAsync(code, ct);
        var staff = await users.OfOfficeAsync(code, ct);
        var groups = CandidateGroup.OfOffice(code).Select(g => new GroupView(g.Code, g.Name, g.Kind, g.Grants,
            [.. staff.Where(u => g.MembersOf(u.OfficeCode, u.Roles, u.Services))],
            [.. routes.Where(r => r.Groups.Contains(g.Code))])).ToList();
        return new OfficeGroups(office, groups, routes, staff);
    }

    private async Task<List<TaskRoute>> RoutesAsync(string officeCode, CancellationToken ct)
    {
        var routes = new List<TaskRoute>();
        var latest = (await engine.Repository.ListDefinitionsAsync(ct: ct)).GroupBy(d => d.Key).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Key, StringComparer.Ordinal);
        var names = await procedures.NamesAsync(ct);
        foreach (var definition in latest)
        {
            var xml = XDocument.Parse(await engine.Repository.GetDefinitionXmlAsync(definition.Id, ct));
            var process = xml.Descendants(Bpmn + "process").FirstOrDefault(p => (string?)p.Attribute("id") == definition.Key);
            foreach (var task in process?.Descendants(Bpmn + "userTask") ?? [])
            {
                var expression = (string?)task.Attribute(Vupe + "candidateGroups") ?? "";
                var (groups, note) = Resolve(expression, officeCode, definition.Key);
                routes.Add(new TaskRoute(definition.Key, names.Of(definition.Key), definition.Version, (string?)task.Attribute("id") ?? "", (string?)task.Attribute("name") ?? "",
                    expression, groups, (string?)task.Attribute(Vupe + "candidateUsers"), note));
            }
        }
        return routes;
    }

    private static (IReadOnlyList<string> Groups, string? Note) Resolve(string expression, string officeCode, string processKey)
    {
        if (expression.Length == 0) return ([], "Sin grupo: la ofrece a quien la vea en la oficina.");
        if (!expression.StartsWith('=')) return ([.. expression.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)], null);
        FeelExpression parsed;
        try
        {
            parsed = Feel.Feel.Parse(expression[1..]);
        }
        catch (FeelSyntaxException)
        {
            return ([], "La expresión no es FEEL válido.");
        }
        var scope = new FeelScope().Set("officeCode", officeCode);
        var unknown = parsed.FreeVariables.Where(v => v != "officeCode").ToList();
        if (unknown.SequenceEqual(["servicio"]))
        {
            // A service procedure is opened for its own service; one that serves any service depends on the referral.
            if (!VupeServices.IsKnown(processKey)) return ([], $"Según el servicio derivado: {officeCode}-‹servicio›.");
            scope = scope.Set("servicio", processKey);
        }
        else if (unknown.Count > 0) return ([], $"Depende de los datos del caso ({string.Join(", ", unknown)}).");
        return parsed.Evaluate(scope) switch
        {
            FeelString s => ([.. s.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)], null),
            FeelList l => ([.. l.Items.OfType<FeelString>().Select(s => s.Value)], null),
            _ => ([], "La expresión no da un grupo."),
        };
    }
}
