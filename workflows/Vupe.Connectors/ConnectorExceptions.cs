namespace Vupe.Connectors;

/// <summary>A connector call that ended without an answer. <see cref="Call"/> is ready for the case history.</summary>
public abstract class ConnectorException : Exception
{
    protected ConnectorException(string message, ConnectorCallRecord call, Exception? innerException)
        : base(message, innerException)
    {
        Call = call;
    }

    public string Connector => Call.Connector;

    public ConnectorCallRecord Call { get; }
}

/// <summary>
/// The back office could not be reached or kept failing after every retry (down, timing out, 5xx, 429,
/// open circuit). Worth trying again later; says nothing about the citizen.
/// </summary>
public sealed class ConnectorUnavailableException : ConnectorException
{
    public ConnectorUnavailableException(ConnectorCallRecord call, string reason, Exception? innerException = null)
        : base($"{call.Connector} is unavailable after {call.Attempts} attempt(s): {reason}", call, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }

    public int Attempts => Call.Attempts;
}

/// <summary>
/// The back office answered outside its contract: malformed or incomplete JSON, an answer about another
/// DNI, or a status the contract does not allow (400, or 404 where "not found" is not an answer).
/// Retrying will not help; someone has to look at the integration.
/// </summary>
public sealed class ConnectorContractException : ConnectorException
{
    public ConnectorContractException(ConnectorCallRecord call, string detail, Exception? innerException = null)
        : base($"{call.Connector} answered outside its contract: {detail}", call, innerException)
    {
        Detail = detail;
    }

    public string Detail { get; }
}
