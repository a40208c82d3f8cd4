using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Vupe.Connectors.Simulation;

/// <summary>
/// The switchboard of the simulated back offices: take a connector down or slow it, per connector, while
/// the application runs (the demo shows a CUL waiting on a down source this way), and see which idempotency
/// keys each one received. One singleton shared by all six simulators.
/// </summary>
public sealed class SimulatorControl
{
    private readonly ConcurrentDictionary<string, ConnectorSwitch> switches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CitizenIdentity?> identities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Taxpayer?> taxpayers = new(StringComparer.Ordinal);

    /// <summary>All connectors up, no latency.</summary>
    public SimulatorControl()
    {
        foreach (var connector in ConnectorNames.All)
        {
            switches[connector] = new ConnectorSwitch();
        }
    }

    /// <summary>Starts from each connector's <see cref="ConnectorOptions.Simulator"/> settings.</summary>
    public SimulatorControl(IOptions<VupeConnectorsOptions> options) : this()
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var connector in ConnectorNames.All)
        {
            var simulator = options.Value.For(connector).Simulator;
            SetDown(connector, simulator.Down);
            SetLatency(connector, simulator.Latency, simulator.MaxLatency ?? simulator.Latency);
        }
    }

    /// <param name="connector">One of <see cref="ConnectorNames"/>.</param>
    public void SetDown(string connector, bool down = true) => Switch(connector).Down = down;

    public void SetUp(string connector) => SetDown(connector, false);

    public void SetLatency(string connector, TimeSpan latency) => SetLatency(connector, latency, latency);

    /// <summary>Each answer waits a uniformly random time between <paramref name="min"/> and <paramref name="max"/>, as real back offices vary.</summary>
    public void SetLatency(string connector, TimeSpan min, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        Switch(connector).SetLatency(min, max);
    }

    /// <summary>
    /// RENIEC answers <paramref name="identity"/> for <paramref name="dni"/> from now on (null: "not registered"), as when
    /// RENIEC rectifies a record after a ficha was made; the other simulators keep answering from the population.
    /// </summary>
    public void SetIdentity(string dni, CitizenIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(dni);
        identities[dni] = identity;
    }

    /// <summary>SUNAT answers <paramref name="taxpayer"/> for <paramref name="ruc"/> from now on (null: "not registered").</summary>
    public void SetTaxpayer(string ruc, Taxpayer? taxpayer)
    {
        ArgumentNullException.ThrowIfNull(ruc);
        taxpayers[ruc] = taxpayer;
    }

    /// <summary>What the simulated SUNAT answers for <paramref name="ruc"/>: <see cref="SetTaxpayer"/>'s, else <see cref="SimulatedRucs"/>' rules.</summary>
    public Taxpayer? FindTaxpayer(string ruc) => taxpayers.TryGetValue(ruc, out var set) ? set : SimulatedTaxpayers.Find(ruc);

    /// <summary>The citizen the simulators answer with for <paramref name="dni"/>: the population's, with RENIEC's answer as <see cref="SetIdentity"/> left it.</summary>
    public SimulatedCitizen Find(string dni)
    {
        var citizen = SimulatedPopulation.Find(dni);
        return identities.TryGetValue(dni, out var identity) ? citizen with { Identity = identity } : citizen;
    }

    public bool IsDown(string connector) => Switch(connector).Down;

    /// <summary>The delay before the next answer: fixed, or drawn from the connector's range.</summary>
    public TimeSpan LatencyOf(string connector) => Switch(connector).NextLatency();

    /// <summary>Every idempotency key the connector received, in order, repeats included (a down connector still receives them).</summary>
    public IReadOnlyList<string> IdempotencyKeysSeen(string connector) => Switch(connector).KeysSeen();

    /// <summary>All connectors up, no latency, no keys remembered.</summary>
    public void Reset()
    {
        foreach (var connector in ConnectorNames.All)
        {
            switches[connector] = new ConnectorSwitch();
        }
        identities.Clear();
        taxpayers.Clear();
    }

    internal void RecordKey(string connector, string idempotencyKey) => Switch(connector).Record(idempotencyKey);

    private ConnectorSwitch Switch(string connector) =>
        switches.TryGetValue(connector, out var state)
            ? state
            : throw new ArgumentOutOfRangeException(nameof(connector), connector, "Not one of ConnectorNames.");

    private sealed class ConnectorSwitch
    {
        private readonly List<string> keys = [];
        private volatile bool down;
        private (long Min, long Max) latencyTicks;
        private readonly Lock latencyLock = new();

        public bool Down { get => down; set => down = value; }

        public void SetLatency(TimeSpan min, TimeSpan max)
        {
            lock (latencyLock) latencyTicks = (min.Ticks, max.Ticks);
        }

        public TimeSpan NextLatency()
        {
            (long Min, long Max) range;
            lock (latencyLock) range = latencyTicks;
#pragma warning disable CA5394 // A simulated delay, not security.
            return TimeSpan.FromTicks(range.Max <= range.Min ? range.Min : Random.Shared.NextInt64(range.Min, range.Max + 1));
#pragma warning restore CA5394
        }

        public void Record(string key)
        {
            lock (keys)
            {
                keys.Add(key);
            }
        }

        public IReadOnlyList<string> KeysSeen()
        {
            lock (keys)
            {
                return [.. keys];
            }
        }
    }
}
