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
            SetLatency(connector, simulator.Latency);
        }
    }

    /// <param name="connector">One of <see cref="ConnectorNames"/>.</param>
    public void SetDown(string connector, bool down = true) => Switch(connector).Down = down;

    public void SetUp(string connector) => SetDown(connector, false);

    public void SetLatency(string connector, TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        Switch(connector).Latency = latency;
    }

    public bool IsDown(string connector) => Switch(connector).Down;

    public TimeSpan LatencyOf(string connector) => Switch(connector).Latency;

    /// <summary>Every idempotency key the connector received, in order, repeats included (a down connector still receives them).</summary>
    public IReadOnlyList<string> IdempotencyKeysSeen(string connector) => Switch(connector).KeysSeen();

    /// <summary>All connectors up, no latency, no keys remembered.</summary>
    public void Reset()
    {
        foreach (var connector in ConnectorNames.All)
        {
            switches[connector] = new ConnectorSwitch();
        }
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
        private long latencyTicks;

        public bool Down { get => down; set => down = value; }

        public TimeSpan Latency
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref latencyTicks));
            set => Interlocked.Exchange(ref latencyTicks, value.Ticks);
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
