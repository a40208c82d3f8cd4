namespace Vupe.Connectors;

/// <summary>
/// A back office's answer with what a certificate and a case history need to cite it: which institution
/// answered, when, under which reference of theirs, and how the call went.
/// </summary>
/// <param name="Value">The answer itself.</param>
/// <param name="Source">The institution, one of <see cref="SourceNames"/>.</param>
/// <param name="ConsultedAt">When the answer was received.</param>
/// <param name="Reference">The back office's reference or trace id for this consultation; null when it gave none (an identity not found).</param>
/// <param name="Call">How the call went, to be written into the case history.</param>
public sealed record ConnectorResult<T>(T Value, string Source, DateTimeOffset ConsultedAt, string? Reference, ConnectorCallRecord Call);
