using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime;

/// <summary>A signal reaches every instance listening for it and starts every process with a matching signal start event.</summary>
internal sealed class SignalBroadcaster(EngineCore engine)
{
    public async Task<int> BroadcastAsync(CommandContext ctx, string name, Dictionary<string, FeelValue> variables)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A signal needs a name.");
        var reached = 0;
        foreach (var subscription in await ctx.Session.FindSubscriptionsAsync(new SubscriptionFilter(Kind: SubscriptionKind.Signal, Name: name, MatchAnyKey: true), ctx.Ct))
        {
            var ic = await ctx.LoadInstanceAsync(subscription.InstanceId);
            if (ic.IsSuspended || !ic.IsActive || ic.Find(subscription.ExecutionId) is not { } owner) continue;
            var node = ic.Model.GetNode(subscription.ElementId);
            ctx.History.Add(ctx, ic, HistoryEventTypes.SignalReceived, owner, node, new { name });
            ctx.Schedule(() => engine.Runner.TriggerAsync(ctx, ic, owner, node, variables, subscription, null));
            reached++;
        }
        foreach (var definition in engine.Definitions.LatestVersions())
        foreach (var start in definition.Model.StartEvents)
            if (start.Definition is SignalDefinition s && s.SignalName == name)
            {
                await engine.Starter.StartFromEventAsync(ctx, definition, start, variables);
                reached++;
            }
        return reached;
    }
}
