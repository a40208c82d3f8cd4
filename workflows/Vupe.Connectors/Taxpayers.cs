namespace Vupe.Connectors;

/// <summary>SUNAT's taxpayer registry (padrón RUC): who a RUC belongs to, and whether it is active and located.</summary>
public interface ITaxpayerRegistry
{
    /// <summary>A RUC SUNAT does not know is an answer (<see cref="TaxpayerLookup.Found"/> false), not an exception.</summary>
    Task<ConnectorResult<TaxpayerLookup>> LookUpAsync(TaxpayerRequest request, CancellationToken cancellationToken);
}

/// <summary>One question to SUNAT about one RUC; the idempotency key plays the same part as in <see cref="ConnectorRequest"/>.</summary>
public sealed record TaxpayerRequest
{
    public TaxpayerRequest(string ruc, string idempotencyKey)
    {
        if (ruc is not { Length: 11 } || !ruc.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"A RUC is exactly 11 digits; got '{ruc}'.", nameof(ruc));
        }
        if (!ConnectorRequest.IsHeaderSafe(idempotencyKey))
        {
            throw new ArgumentException(
                $"The idempotency key must be 1 to {ConnectorRequest.MaxIdempotencyKeyLength} printable ASCII characters without spaces.",
                nameof(idempotencyKey));
        }
        Ruc = ruc;
        IdempotencyKey = idempotencyKey;
    }

    public string Ruc { get; }

    public string IdempotencyKey { get; }
}

/// <summary>SUNAT's answer: the taxpayer, or null when the RUC is not in the registry.</summary>
public sealed record TaxpayerLookup(Taxpayer? Taxpayer)
{
    public static TaxpayerLookup NotFound { get; } = new((Taxpayer?)null);

    public bool Found => Taxpayer is not null;
}

/// <summary>The registry's «estado del contribuyente».</summary>
public enum TaxpayerState
{
    /// <summary>ACTIVO.</summary>
    Active,
    /// <summary>SUSPENSION TEMPORAL: the taxpayer declared it stopped its activities for a while.</summary>
    TemporarilySuspended,
    /// <summary>BAJA PROVISIONAL (also «de oficio»): SUNAT or the taxpayer closed it, pending confirmation.</summary>
    ProvisionallyDeregistered,
    /// <summary>BAJA DEFINITIVA: the business no longer exists.</summary>
    Deregistered,
}

/// <summary>The registry's «condición de domicilio fiscal».</summary>
public enum TaxpayerCondition
{
    /// <summary>HABIDO: SUNAT found the taxpayer at its declared address.</summary>
    Located,
    /// <summary>NO HABIDO: SUNAT could not find the taxpayer at its address.</summary>
    NotLocated,
    /// <summary>NO HALLADO: the address does not exist or nobody answers there.</summary>
    NotFound,
}

/// <param name="LegalName">The «razón social» (or the person's name, for a RUC 10).</param>
public sealed record Taxpayer(string Ruc, string LegalName, TaxpayerState State, TaxpayerCondition Condition)
{
    /// <summary>ACTIVO and HABIDO: the only standing in which a company may recruit through the VUPE.</summary>
    public bool InGoodStanding => State == TaxpayerState.Active && Condition == TaxpayerCondition.Located;

    /// <summary>As SUNAT's «Consulta RUC» prints the state.</summary>
    public string StateText => State switch
    {
        TaxpayerState.Active => "ACTIVO",
        TaxpayerState.TemporarilySuspended => "SUSPENSION TEMPORAL",
        TaxpayerState.ProvisionallyDeregistered => "BAJA PROVISIONAL",
        _ => "BAJA DEFINITIVA",
    };

    /// <summary>As SUNAT's «Consulta RUC» prints the condition.</summary>
    public string ConditionText => Condition switch
    {
        TaxpayerCondition.Located => "HABIDO",
        TaxpayerCondition.NotLocated => "NO HABIDO",
        _ => "NO HALLADO",
    };
}
