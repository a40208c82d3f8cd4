using Vupe.Connectors;
using Vupe.Engine;
using Vupe.Workflows.Cul;

namespace Vupe.Workflows.Handlers.Cul;

/// <summary>
/// Validates the citizen's identity with RENIEC (task type <c>vupe.cul.consultarIdentidad</c>) and sets
/// <c>identidadValidada</c>, which decides whether the certificate can be issued at all. A citizen without a DNI
/// is not validated (no call is made): RENIEC only knows DNIs.
/// </summary>
internal sealed class IdentityQueryHandler(IIdentityRegistry registry, ICulArchive archive) : IServiceTaskHandler
{
    private readonly BackOfficeQueryHandler<IdentityLookup> _query = new(CulSections.Identity, registry.LookUpAsync, archive,
        lookup => new Dictionary<string, object?> { [CulVariables.IdentityValidated] = lookup.Found });

    public ValueTask<IReadOnlyDictionary<string, object?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        if (!CulVariables.HoldsDni(context))
            return ValueTask.FromResult<IReadOnlyDictionary<string, object?>?>(new Dictionary<string, object?> { [CulVariables.IdentityValidated] = false });
        return _query.ExecuteAsync(context, ct);
    }
}
