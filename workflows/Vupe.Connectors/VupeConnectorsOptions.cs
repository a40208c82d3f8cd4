namespace Vupe.Connectors;

public enum ConnectorMode
{
    /// <summary>Answers from <see cref="Simulation.SimulatedPopulation"/>; no network. The default.</summary>
    Simulator,
    /// <summary>Calls the back office at <see cref="ConnectorOptions.BaseUrl"/>.</summary>
    Http,
}

/// <summary>Bound from <see cref="SectionName"/>; one <see cref="ConnectorOptions"/> per connector.</summary>
public sealed class VupeConnectorsOptions
{
    public const string SectionName = "Vupe:Connectors";

    public ConnectorOptions Identity { get; set; } = new();
    public ConnectorOptions PoliceRecords { get; set; } = new();
    public ConnectorOptions JudicialRecords { get; set; } = new();
    public ConnectorOptions PenalRecords { get; set; } = new();
    public ConnectorOptions Education { get; set; } = new();
    public ConnectorOptions Employment { get; set; } = new();
    public ConnectorOptions Taxpayers { get; set; } = new();

    /// <param name="connector">One of <see cref="ConnectorNames"/>.</param>
    public ConnectorOptions For(string connector) => connector switch
    {
        ConnectorNames.Identity => Identity,
        ConnectorNames.PoliceRecords => PoliceRecords,
        ConnectorNames.JudicialRecords => JudicialRecords,
        ConnectorNames.PenalRecords => PenalRecords,
        ConnectorNames.Education => Education,
        ConnectorNames.Employment => Employment,
        ConnectorNames.Taxpayers => Taxpayers,
        _ => throw new ArgumentOutOfRangeException(nameof(connector), connector, "Not one of ConnectorNames."),
    };
}

/// <summary>How one connector reaches its back office (<c>Vupe:Connectors:{Name}</c>).</summary>
public sealed class ConnectorOptions
{
    public ConnectorMode Mode { get; set; } = ConnectorMode.Simulator;

    /// <summary>Required when <see cref="Mode"/> is <see cref="ConnectorMode.Http"/>; the contract's paths are relative to it.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The whole call, retries and back-off included. The CUL promises minutes, so one slow source must not hold it longer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One request; a hung attempt is abandoned and retried. Capped at <see cref="Timeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public ConnectorRetryOptions Retry { get; set; } = new();

    public ConnectorCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    public SimulatorOptions Simulator { get; set; } = new();
}

/// <summary>Retries of transient failures only: 5xx, 408, 429, network errors and attempt timeouts.</summary>
public sealed class ConnectorRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off; each further one doubles it (exponential), unless the server sent Retry-After.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Spreads retries so many workflow steps retrying at once do not hit a recovering back office together.</summary>
    public bool UseJitter { get; set; } = true;
}

/// <summary>
/// Stops calling a back office that keeps failing so CUL requests fail fast (and can be retried later)
/// instead of each waiting out its own retries.
/// </summary>
public sealed class ConnectorCircuitBreakerOptions
{
    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the ratio counts (at least 2).</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open before one trial call is let through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The simulator's starting state; <see cref="Simulation.SimulatorControl"/> changes it at run time.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Start with this connector down: every call throws <see cref="ConnectorUnavailableException"/>.</summary>
    public bool Down { get; set; }

    /// <summary>Delay before each simulated answer, to show progress in a demo; the lower bound when <see cref="MaxLatency"/> is set.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>When set, each answer waits a random time between <see cref="Latency"/> and this (benchmarks: 200–800 ms).</summary>
    public TimeSpan? MaxLatency { get; set; }
}
