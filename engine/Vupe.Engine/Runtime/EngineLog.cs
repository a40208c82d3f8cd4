using Microsoft.Extensions.Logging;

namespace Vupe.Engine.Runtime;

internal sealed partial class EngineLog(ILogger logger)
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident in process instance {InstanceId} at {ElementId}: {Reason}")]
    public partial void IncidentRaised(Guid instanceId, string elementId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service task {ElementId} of instance {InstanceId} failed (attempt {Attempt}, {RetriesLeft} retries left): {Error}")]
    public partial void ServiceTaskFailed(Guid instanceId, string elementId, int attempt, int retriesLeft, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed outside its task handler")]
    public partial void JobCrashed(Guid jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed {Key} version {Version} from {Resource}")]
    public partial void Deployed(string key, int version, string resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed {Kind} {Key} version {Version} from {Resource}")]
    public partial void ResourceDeployed(string kind, string key, int version, string resource);
}
