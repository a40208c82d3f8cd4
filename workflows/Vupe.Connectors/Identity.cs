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
}

public sealed record CitizenIdentity(
    string Dni,
    string GivenNames,
    string PaternalSurname,
    string MaternalSurname,
    DateOnly BirthDate,
    string Address)
{
    /// <summary>As a Peruvian document prints it: given names, then both surnames.</summary>
    public string FullName => $"{GivenNames} {PaternalSurname} {MaternalSurname}";
}
