using Vupe.Engine.Model;
using Vupe.Engine.Parsing;
using Vupe.Engine.Persistence;
using Vupe.Feel;

namespace Vupe.Engine.Runtime.Behaviors;

/// <summary>How each event definition waits: a message or signal subscription, a timer job, or a condition in the instance's state.</summary>
internal static class EventWaits
{
    /// <summary>Opens the subscription or timer through which <paramref name="eventNode"/> will later trigger <paramref name="owner"/>.</summary>
    public static async ValueTask OpenAsync(CommandContext ctx, InstanceContext ic, Execution owner, FlowNode eventNode)
    {
        var definition = eventNode switch
        {
            EventNode e => e.Definition,
            ReceiveTask r => r.Message,
            _ => null,
        };
        switch (definition)
        {
            case MessageDefinition m:
                var key = CorrelationKeyOf(ic, owner, m);
                var subscription = new EventSubscriptionRecord
                {
                    Id = Ids.NewVersion7(), InstanceId = ic.Id, ExecutionId = owner.Id, ElementId = eventNode.Id,
                    Kind = SubscriptionKind.Message, Name = m.MessageName, CorrelationKey = key, CreatedAt = ctx.Now,
                };
                ctx.Session.Add(subscription);
                // A message that came before anyone waited for it is delivered now.
                var buffered = await ctx.Session.FindBufferedMessagesAsync(m.MessageName, key, ctx.Now, ctx.Ct);
                if (buffered.Count > 0)
                {
                    ctx.Session.Remove(buffered[0]);
                    var variables = MessageVariables.Deserialize(buffered[0].VariablesJson);
                    ctx.Schedule(() => ctx.Runner.TriggerAsync(ctx, ic, owner, eventNode, variables, subscription, null));
                }
                break;
            case TimerDefinition t:
                var (due, repeats, spec) = EvaluateTimer(ctx.Now, ic.ScopeFor(owner), eventNode, t);
                var job = ctx.Runner.CreateJob(ctx, ic, owner, eventNode, JobKind.Timer, due);
                job.RepeatsLeft = repeats;
                job.TimerSpec = spec;
                break;
            case SignalDefinition s:
                ctx.Session.Add(new EventSubscriptionRecord
                {
                    Id = Ids.NewVersion7(), InstanceId = ic.Id, ExecutionId = owner.Id, ElementId = eventNode.Id,
                    Kind = SubscriptionKind.Signal, Name = s.SignalName, CreatedAt = ctx.Now,
                });
                break;
            case ConditionalDefinition:
                ConditionalEvents.Open(ic, owner, eventNode);
                break;
        }
    }

    /// <summary>The wait a catch event (or receive task) puts its own token in.</summary>
    public static WaitKind WaitFor(EventDefinition? definition) => definition switch
    {
        TimerDefinition => WaitKind.Timer,
        ConditionalDefinition => WaitKind.Condition,
        SignalDefinition => WaitKind.Signal,
        _ => WaitKind.Message,
    };

    private static string? CorrelationKeyOf(InstanceContext ic, Execution owner, MessageDefinition m)
    {
        if (m.CorrelationKey is null) return null;
        var value = m.CorrelationKey.EvaluateWithDiagnostics(ic.ScopeFor(owner)).Value;
        return value switch
        {
            FeelString s => s.Value,
            FeelNumber n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new IncidentException(IncidentKind.MappingError,
                $"The correlation key '{m.CorrelationKey.Source}' of message '{m.MessageName}' gave {FlowRunner.Describe(value)}; it must be a string or number."),
        };
    }

    /// <summary>When a timer is first due, how many more times a cycle repeats (-1: for ever), and the cycle text to compute the next.</summary>
    internal static (DateTimeOffset Due, int Repeats, string? Spec) EvaluateTimer(DateTimeOffset now, IFeelScope scope, FlowNode node, TimerDefinition timer)
    {
        string? text = timer.Literal;
        if (timer.Expression is not null)
        {
            var value = timer.Expression.EvaluateWithDiagnostics(scope).Value;
            switch (value)
            {
                case FeelString s: text = s.Value; break;
                case FeelDaysTimeDuration or FeelYearsMonthsDuration when timer.Kind == TimerKind.Duration:
                    return (TimerSchedule.Add(now, value), 0, null);
                case FeelDateTime when timer.Kind == TimerKind.Date:
                    return (ToInstant(value), 0, null);
                default:
                    throw new IncidentException(IncidentKind.MappingError,
                        $"The timer expression '{timer.Expression.Source}' of {node} gave {FlowRunner.Describe(value)}, which is not a {timer.Kind.ToString().ToLowerInvariant()}.");
            }
        }
        switch (timer.Kind)
        {
            case TimerKind.Date when TimerSchedule.TryParseDate(text!, out var at): return (at, 0, null);
            case TimerKind.Duration when FeelTemporal.TryParseDuration(text!, out var d): return (TimerSchedule.Add(now, d), 0, null);
            case TimerKind.Cycle when TimerSchedule.TryParseCycle(text!, now, out var first, out var repeats):
                return (first, repeats < 0 ? -1 : repeats - 1, text);
            default:
                throw new IncidentException(IncidentKind.MappingError, $"The timer of {node} has an invalid {timer.Kind.ToString().ToLowerInvariant()} '{text}'.");
        }
    }

    internal static DateTimeOffset ToInstant(FeelValue dateTime) => dateTime.ToObject() switch
    {
        DateTimeOffset o => o,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => throw new IncidentException(IncidentKind.MappingError, $"{FlowRunner.Describe(dateTime)} is not a point in time."),
    };
}
