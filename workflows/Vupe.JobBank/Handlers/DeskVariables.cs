using System.Globalization;
using Vupe.Engine;

namespace Vupe.JobBank.Handlers;

/// <summary>Typed reads of the bolsa-trabajo steps' variables, failing with a message that names the variable and the step.</summary>
internal static class DeskVariables
{
    public static Guid PartyId(ServiceTaskContext context) => Guid(context, "partyId");

    public static Guid Guid(ServiceTaskContext context, string name) =>
        context.Variables.GetValueOrDefault(name) is string text && System.Guid.TryParse(text, out var id)
            ? id
            : throw new InvalidOperationException($"{Where(context)} needs the variable '{name}' as an identifier.");

    public static string? Text(ServiceTaskContext context, string name) =>
        context.Variables.GetValueOrDefault(name) is string { Length: > 0 } s ? s.Trim() : null;

    public static DateOnly? Date(ServiceTaskContext context, string name) => context.Variables.GetValueOrDefault(name) switch
    {
        null => null,
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        DateTimeOffset dto => DateOnly.FromDateTime(dto.Date),
        string s when DateOnly.TryParse(s, CultureInfo.InvariantCulture, out var d) => d,
        var other => throw new InvalidOperationException($"{Where(context)}: '{name}' must be a date; it is {other}."),
    };

    public static IReadOnlyList<Guid> Guids(ServiceTaskContext context, string name)
    {
        if (context.Variables.GetValueOrDefault(name) is not IEnumerable<object?> items)
            throw new InvalidOperationException($"{Where(context)} needs the variable '{name}' as a list of identifiers.");
        return [.. items.Select(i => i is string s && System.Guid.TryParse(s, out var id) ? id
            : throw new InvalidOperationException($"{Where(context)}: '{name}' holds '{i}', which is not an identifier."))];
    }

    /// <summary>Who acts: the consultant whose command reached the step, else the procedure on the case's behalf.</summary>
    public static DeskActor Actor(ServiceTaskContext context) =>
        context.Actor is { } actor ? new DeskActor(actor.Name, actor.OfficeCode ?? context.OfficeCode) : new DeskActor($"procedimiento {context.CaseNumber}", context.OfficeCode);

    private static string Where(ServiceTaskContext context) => $"Task '{context.ElementId}' ({context.TaskType}) of case {context.CaseNumber}";
}
