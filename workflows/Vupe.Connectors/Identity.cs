namespace Vupe.Connectors;

/// <summary>RENIEC: who a DNI belongs to.</summary>
public interface IIdentityRegistry
{
    /// <summary>A DNI RENIEC does not know is an answer (<see cref="IdentityLookup.Found"/> false), not an exception.</summary>
    Task<ConnectorResult<IdentityLookup>> LookUpAsync(ConnectorRequest request, CancellationToken cancellationToken);
}

/// <summary>RENIEC's answer: the citizen, or null when the DNI is not registered.</summary>
public sealed record IdentityLookup(CitizenIdentity? Citizen)
{
    public static IdentityLookup NotFound { get; } = new((CitizenIdentity?)null);

    public bool Found => Citizen is not null;

    /// <summary>RENIEC knows the DNI and it is in force: only then may the identity be certified.</summary>
    public bool Valid => Citizen is { Status: IdentityStatus.Valid };
}

/// <summary>How RENIEC holds a DNI. Only <see cref="Valid"/> identifies a living citizen whose document is in force.</summary>
public enum IdentityStatus
{
    Valid,
    /// <summary>The holder has died (RENIEC registers the death).</summary>
    Deceased,
    /// <summary>The registration was cancelled (double registration, fraud, a court order).</summary>
    Cancelled,
}

/// <param name="Status">Absent from older answers, which only ever named citizens in force.</param>
public sealed record CitizenIdentity(
    string Dni,
    string GivenNames,
    string PaternalSurname,
    string MaternalSurname,
    DateOnly BirthDate,
    string Address,
    IdentityStatus Status = IdentityStatus.Valid)
{
    /// <summary>As a Peruvian document prints it: given names, then both surnames.</summary>
    public string FullName => $"{GivenNames} {PaternalSurname} {MaternalSurname}";
}
