namespace Vupe.Server.Hosting;

/// <summary>The server's settings (section "Vupe").</summary>
public sealed class ServerOptions
{
    public const string Section = "Vupe";

    /// <summary>Folder for the SQLite databases (vupe.db for server and engine, hangfire.db for jobs); created if missing.</summary>
    public string DataDirectory { get; set; } = "data";
    /// <summary>Seeds the demo users (documented passwords). Defaults to on in Development only.</summary>
    public bool? SeedDemoUsers { get; set; }
    /// <summary>Seeds demo citizens and cases so a fresh server has something to show.</summary>
    public bool? SeedDemoData { get; set; }
    /// <summary>Extra processes (.bpmn) and forms (.form.json) deployed at start beside the VUPE catalogue embedded in Vupe.Workflows (an office's own procedures, test fixtures); none when null.</summary>
    public string? CatalogueDirectory { get; set; }
    /// <summary>A task is "due soon" when it is due within this window.</summary>
    public TimeSpan DueSoonWindow { get; set; } = TimeSpan.FromDays(1);
    /// <summary>
    /// The inbox counts matching tasks up to this number; beyond it a page says TotalIsCapped ("más de 1 000")
    /// instead of counting every open task of a big office on every request (docs/benchmarks.md, Inbox). A thousand
    /// is forty pages: past it the number no longer helps anyone page, while counting it cost each full page
    /// about 2 ms of SQLite reads at 10,000 (docs/benchmarks.md, "Background scans that read each row once"). Exact totals per office are
    /// on the supervisor's dashboard, whatever this limit.
    /// </summary>
    public int InboxCountLimit { get; set; } = 1_000;
    /// <summary>Largest request body the API accepts (bytes); uploads have their own limit.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>Public certificate verifications allowed per client address and minute (page and API together).</summary>
    public int PublicVerificationPerMinute { get; set; } = 30;
    /// <summary>CUL requests a citizen may make online per client address and minute.</summary>
    public int CitizenRequestsPerMinute { get; set; } = 5;
    /// <summary>
    /// Steps of the online CUL request (asking for a code, then requesting with it) counted per DNI and hour, from any
    /// address and node; the next is refused with 429 until the oldest counted leaves the hour.
    /// </summary>
    public int CitizenRequestsPerDniPerHour { get; set; } = 5;
    /// <summary>The office whose register receives the CUL requests citizens make online.</summary>
    public string CitizenChannelOffice { get; set; } = "LIM";
    /// <summary>
    /// The address citizens reach the server at (e.g. https://vupe.trabajo.gob.pe): printed with the QR code on
    /// certificates. When unset, the address of the request that issues the certificate, else the server's own.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>Hangfire worker threads; a small number: most engine work runs inline in requests.</summary>
    public int JobWorkers { get; set; } = 2;
    /// <summary>How often this node looks for delayed jobs (timers, retries) that are due: at most this late they start.</summary>
    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>This node's name among several on one database (Hangfire's server name, in the logs); the machine's name by default.</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    public string DatabasePath => Path.Combine(DataDirectory, "vupe.db");
    public string HangfireDatabasePath => Path.Combine(DataDirectory, "hangfire.db");
}
