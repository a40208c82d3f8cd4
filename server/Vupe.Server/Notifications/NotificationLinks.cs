using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Vupe.Server.Hosting;

namespace Vupe.Server.Notifications;

/// <summary>
/// Links in mails, which are written by a background job (no request to take an address from): Vupe:PublicBaseUrl,
/// else the server's own listening address, else http://localhost.
/// </summary>
internal sealed class NotificationLinks(IOptions<ServerOptions> options, IServiceProvider services)
{
    public string Task(Guid taskId) => $"{Base()}/tareas/{taskId}";

    public string Case(Guid caseId) => $"{Base()}/expedientes/{caseId}";

    /// <summary>A citizen's case in Mi VUPE (the citizen signs in first if needed).</summary>
    public string Portal(string caseNumber) => $"{Base()}/mi-vupe/expedientes/{Uri.EscapeDataString(caseNumber)}";

    /// <summary>A vacancy on Mi VUPE's job bank.</summary>
    public string PortalVacancy(Guid vacancyId) => $"{Base()}/mi-vupe/empleos/{vacancyId}";

    /// <summary>The page that withdraws the «comunicaciones» consent from a mail's link, without signing in.</summary>
    public string Unsubscribe(string token) => $"{Base()}/mi-vupe/comunicaciones/baja?t={Uri.EscapeDataString(token)}";

    private string Base()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)) return options.Value.PublicBaseUrl.TrimEnd('/');
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address?.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/')
            ?? "http://localhost";
    }
}
