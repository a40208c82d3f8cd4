using Vupe.Connectors;
using Vupe.Server.Audit;
using Vupe.Server.Problems;

namespace Vupe.Server.Portal.Companies;

/// <summary>SUNAT's verdict on a RUC that signs up: the taxpayer and the reference of the consultation.</summary>
public sealed record CheckedTaxpayer(Taxpayer Taxpayer, string? Reference);

/// <summary>
/// Asks SUNAT's padrón RUC (<see cref="ITaxpayerRegistry"/>) about a company that signs up online, and refuses, under the
/// RUC field and in Spanish, a RUC SUNAT does not know, or holds other than ACTIVO and HABIDO: a company that is closed,
/// suspended or cannot be found at its fiscal address does not recruit through the VUPE. When SUNAT cannot be reached the
/// sign-up waits (nothing is created unchecked). Each consultation is audited with SUNAT's answer.
/// </summary>
public sealed class SunatCheck(ITaxpayerRegistry sunat, AuditLog audit, ILogger<SunatCheck> logger)
{
    public const string NotRegistered = "SUNAT no tiene registrado este RUC. Revise el número en la ficha RUC de su empresa.";
    public const string Unreachable = "No pudimos consultar a SUNAT en este momento. Intente de nuevo en unos minutos.";

    public async Task<CheckedTaxpayer> InGoodStandingAsync(string ruc, string trail, CancellationToken ct)
    {
        ConnectorResult<TaxpayerLookup> answer;
        try
        {
            answer = await sunat.LookUpAsync(new TaxpayerRequest(ruc, $"empresa-{Guid.NewGuid():N}"), ct);
        }
        catch (ConnectorException e)
        {
            logger.LogWarning(e, "SUNAT could not be consulted for a company sign-up ({Connector})", e.Connector);
            throw Refusal(Unreachable);
        }
        var taxpayer = answer.Value.Taxpayer;
        await audit.AppendAsync(trail, "empresa.sunat.consulted", new
        {
            ruc, found = taxpayer is not null, state = taxpayer?.StateText, condition = taxpayer?.ConditionText, reference = answer.Reference,
        }, ct);
        if (taxpayer is null) throw Refusal(NotRegistered);
        if (taxpayer.State != TaxpayerState.Active)
            throw Refusal($"SUNAT registra este RUC con estado «{taxpayer.StateText}». Solo una empresa con RUC ACTIVO y HABIDO puede publicar vacantes en la VUPE.");
        if (taxpayer.Condition != TaxpayerCondition.Located)
            throw Refusal($"SUNAT registra este RUC con condición «{taxpayer.ConditionText}». Regularice su domicilio fiscal ante SUNAT: solo una empresa ACTIVA y HABIDA puede publicar vacantes en la VUPE.");
        return new CheckedTaxpayer(taxpayer, answer.Reference);
    }

    private static FieldValidationException Refusal(string message) => new(new Dictionary<string, string[]> { ["ruc"] = [message] }, message);
}
