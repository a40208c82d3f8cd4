using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vupe.Feel;

namespace Vupe.Engine.Persistence;

/// <summary>
/// The operations console's instance filters (<see cref="InstanceQuery"/>) as one database query: the state and the
/// current element from the columns that copy them (<see cref="InstanceStateColumns"/>), the office through the case,
/// the variable from the state's JSON (<see cref="EngineDbFunctions.VariableJson"/>). The index
/// IX_ProcessInstances_Console (definition, status, suspended, started, id, case) serves the definition, the state, the
/// period and the order; the element and the variable are checked on the rows of the instances it yields.
/// </summary>
internal static class InstanceQueryable
{
    /// <summary>One page of <see cref="Filter"/>, newest first (ties by id), with its cases: the page is taken from the instances before they are joined to their cases.</summary>
    public static IQueryable<InstancePageRow> Page(EngineDbContext db, InstanceQuery q, IReadOnlyCollection<string>? officeCodes) =>
        from i in Filter(db, q, officeCodes).OrderByDescending(i => i.StartedAt).ThenByDescending(i => i.Id).Skip(Math.Max(0, q.Skip)).Take(Math.Max(0, q.Take))
        join c in db.CaseFiles.AsNoTracking() on i.CaseId equals c.Id
        select new InstancePageRow { Instance = i, CaseNumber = c.CaseNumber, OfficeCode = c.OfficeCode };

    internal sealed class InstancePageRow
    {
        public required ProcessInstanceRecord Instance { get; init; }
        public required string CaseNumber { get; init; }
        public required string OfficeCode { get; init; }
    }

    public static IQueryable<ProcessInstanceRecord> Filter(EngineDbContext db, InstanceQuery q, IReadOnlyCollection<string>? officeCodes)
    {
        var definitionId = q.DefinitionId;
        var r = db.ProcessInstances.AsNoTracking().Where(i => i.DefinitionId == definitionId);
        // Suspended compared with a parameter, not as NOT "Suspended" (which SQLite cannot look up in an index), so a state
        // is one range of the index per status, in the order listed. An ended instance's Suspended is false.
        var suspended = q.State == InstanceQueryState.Suspended;
        r = q.State switch
        {
            InstanceQueryState.Running or InstanceQueryState.Suspended => r.Where(i => i.Status == InstanceStatus.Active && i.Suspended == suspended),
            InstanceQueryState.Ended => r.Where(i => (i.Status == InstanceStatus.Completed || i.Status == InstanceStatus.Terminated || i.Status == InstanceStatus.Cancelled)
                                                     && i.Suspended == suspended),
            _ => r,
        };
        if (q.ActiveElementId is { Length: > 0 } element)
        {
            // Only active instances have tokens; saying so lets the index narrow to them.
            var marker = InstanceStateColumns.Marker(element);
            r = r.Where(i => i.Status == InstanceStatus.Active && i.ActiveElements!.Contains(marker));
        }
        if (q.StartedFrom is { } from) r = r.Where(i => i.StartedAt >= from);
        if (q.StartedBefore is { } before) r = r.Where(i => i.StartedAt < before);
        if (officeCodes is not null)
        {
            var offices = officeCodes.ToList();
            r = r.Where(i => db.CaseFiles.Any(c => c.Id == i.CaseId && offices.Contains(c.OfficeCode)));
        }
        if (q.VariableName is { Length: > 0 } name)
        {
            var match = new VariableValueMatch(q.VariableValue ?? "");
            var texts = match.Texts.ToList();
#pragma warning disable CA1304, CA1311 // translated to SQL lower(), which has no culture (the stored JSON is ASCII)
            if (match.Number is { } number && match.TrimmedNumber is { } trimmed)
                r = r.Where(i => texts.Contains(EngineDbFunctions.VariableJson(i.StateJson, name)!.ToLower())
                                 || EngineDbFunctions.VariableJson(i.StateJson, name) == number
                                 || EngineDbFunctions.VariableJson(i.StateJson, name)!.TrimEnd('0') == trimmed);
            else
                r = r.Where(i => texts.Contains(EngineDbFunctions.VariableJson(i.StateJson, name)!.ToLower()));
#pragma warning restore CA1304, CA1311
        }
        return r;
    }
}

/// <summary>
/// When a variable's value equals what an operator typed (the console's <c>nombre=valor</c>): the same rule in every
/// store, applied to the value's JSON as the instance's state holds it (<see cref="FeelValueJsonConverter"/>).
/// <list type="bullet">
/// <item>Text: equal ignoring the case of A–Z (the state's JSON escapes every other letter, so "josé" does not match
/// "JOSÉ" on any store).</item>
/// <item>Numbers: numerically equal when the typed text is a number ("1500" matches 1500, 1500.0 and 1500.00;
/// "1500.5" matches 1500.50).</item>
/// <item>true, false and null (ignoring case) match those values; a date, time, date-time or duration typed as FEEL
/// writes it ("2026-03-01", "P3D") matches that value.</item>
/// <item>Lists and contexts never match.</item>
/// </list>
/// Text that reads as several of these matches each (e.g. "1500" matches the text "1500" and the number 1500).
/// </summary>
internal sealed class VariableValueMatch
{
    private static readonly FeelExpression[] Temporal =
        [Feel.Feel.Parse("date(v)"), Feel.Feel.Parse("time(v)"), Feel.Feel.Parse("date and time(v)"), Feel.Feel.Parse("duration(v)")];

    public VariableValueMatch(string typed)
    {
        var texts = new HashSet<string>(StringComparer.Ordinal) { Lower(InstanceStateSerializer.SerializeValue(FeelValue.FromObject(typed))) };
        if (typed.ToLowerInvariant() is ("true" or "false" or "null") and var literal) texts.Add(literal);
        foreach (var parse in Temporal)
        {
            try
            {
                var value = parse.Evaluate(new FeelScope(new Dictionary<string, FeelValue> { ["v"] = FeelValue.FromObject(typed) }));
                if (value is not FeelNull) texts.Add(Lower(InstanceStateSerializer.SerializeValue(value)));
            }
            catch (FeelException)
            {
                // Not that kind of value.
            }
        }
        Texts = texts;
        if (decimal.TryParse(typed, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            // The shortest form: JSON numbers are written without exponent, so a stored number equals it once its
            // trailing fractional zeros (and then a bare point) are gone — which rtrim(json, '0') = "1500." tests.
            Number = n.ToString("0.############################", CultureInfo.InvariantCulture);
            TrimmedNumber = Number.Contains('.', StringComparison.Ordinal) ? Number : Number + ".";
        }
    }

    /// <summary>JSON texts, lower-cased, that the value's JSON (lower-cased) may equal.</summary>
    public IReadOnlyCollection<string> Texts { get; }
    /// <summary>The typed number's shortest form ("1500", "1500.5"); null when it is not a number.</summary>
    public string? Number { get; }
    /// <summary>What a stored number with fractional digits trims to (rtrim of '0') when it equals <see cref="Number"/>: "1500." or "1500.5".</summary>
    public string? TrimmedNumber { get; }

    public bool Matches(string? json) =>
        json is not null && (Texts.Contains(Lower(json)) || (Number is not null && (json == Number || json.TrimEnd('0') == TrimmedNumber)));

    // SQL lower() of the stored JSON: ASCII letters only remain in it (the writer escapes the rest).
    private static string Lower(string json) => json.ToLowerInvariant();
}
