using Vupe.Engine.Model;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime;

/// <summary>
/// Delivers a message by name and correlation key: to every instance waiting for it (one
/// subscription per instance, the oldest), else to message start events, else into a buffer with a
/// time to live so that a receive step reached later still gets it.
/// </summary>
internal sealed class MessageCorrelator(EngineCore engine)
{
    public async Task<MessageCorrelationResult> CorrelateAsync(CommandContext ctx, string name, string? correlationKey,
        Dictionary<string, FeelValue> variables, TimeSpan? timeToLive)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A message needs a name.");
        var delivered = new List<Guid>();
        Guid? suspended = null;
        var subscriptions = await ctx.Session.FindSubscriptionsAsync(new SubscriptionFilter(Kind: SubscriptionKind.Message, Name: name, CorrelationKey: correlationKey), ctx.Ct);
        foreach (var subscription in subscriptions)
        {
            if (delivered.Contains(subscription.InstanceId)) continue;
            var ic = await ctx.LoadInstanceAsync(subscription.InstanceId);
            if (ic.IsSuspended)
            {
                // A paused instance receives nothing (BPMN: it does not progress); its subscription stays for after the resume.
                suspended ??= ic.Id;
                continue;
            }
            if (!ic.IsActive || ic.Find(subscription.ExecutionId) is not { } owner)
            {
                ctx.Session.Remove(subscription);
                continue;
            }
            var node = ic.Model.GetNode(subscription.ElementId);
            ctx.History.Add(ctx, ic, HistoryEventTypes.MessageCorrelated, owner, node, new { name, correlationKey, variables });
            ctx.Schedule(() => engine.Runner.TriggerAsync(ctx, ic, owner, node, variables, subscription, null));
            delivered.Add(ic.Id);
        }

        // Only suspended instances wait for it: refused, as Camunda does, rather than starting a process or buffering a
        // message the waiting instance would never read (a buffer is looked at when a receive step is reached, and
        // this one was reached before the pause). The sender retries after the resume.
        if (delivered.Count == 0 && suspended is { } paused) throw new InvalidStateException(StateText.Suspended(paused, StateText.Operation.ReceiveMessages));

        var started = new List<Guid>();
        if (delivered.Count == 0)
        {
            foreach (var definition in engine.Definitions.LatestVersions())
            foreach (var start in definition.Model.StartEvents)
                if (start.Definition is MessageDefinition m && m.MessageName == name)
                {
                    var ic = await engine.Starter.StartFromEventAsync(ctx, definition, start, variables);
                    started.Add(ic.Id);
                }
        }

        var buffered = false;
        if (delivered.Count == 0 && started.Count == 0)
        {
            var ttl = timeToLive ?? engine.Options.DefaultMessageTimeToLive;
            if (ttl <= TimeSpan.Zero) throw new MessageNotCorrelatedException(name, correlationKey);
            ctx.Session.Add(new BufferedMessageRecord
            {
                Id = Ids.NewVersion7(), Name = name, CorrelationKey = correlationKey, VariablesJson = MessageVariables.Serialize(variables),
                PublishedAt = ctx.Now, ExpiresAt = ctx.Now + ttl,
            });
            buffered = true;
        }
        return new MessageCorrelationResult(delivered, started, buffered);
    }

    /// <summary>A message end/throw event or send task publishes its message with its input-mapped variables.</summary>
    public async Task PublishFromProcessAsync(CommandContext ctx, InstanceContext ic, Execution ex, MessageDefinition message)
    {
        string? key = null;
        if (message.CorrelationKey is not null)
        {
            var value = message.CorrelationKey.Evaluate(ic.ScopeFor(ex));
            key = value switch
            {
                FeelString s => s.Value,
                FeelNumber n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new IncidentException(IncidentKind.MappingError, $"The correlation key '{message.CorrelationKey.Source}' gave {FlowRunner.Describe(value)}."),
            };
        }
        await CorrelateAsync(ctx, message.MessageName, key, Payload.Of(ex), null);
    }
}

/// <summary>Instances that received the message, instances it started, and whether it was buffered instead.</summary>
public sealed record MessageCorrelationResult(IReadOnlyList<Guid> DeliveredTo, IReadOnlyList<Guid> Started, bool Buffered);
