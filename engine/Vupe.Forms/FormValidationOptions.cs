namespace Vupe.Forms;

/// <summary>What a validation may know besides the submitted data.</summary>
public sealed class FormValidationOptions
{
    /// <summary>
    /// The variables the form was opened with (the task's variables). form-js evaluates hide conditions, read-only and
    /// disabled expressions and expression fields over all the data it was given, which includes process variables
    /// that are not fields; pass them here so the server sees the same. Submitted values take precedence. They are
    /// only read: nothing from here is copied into the normalised data.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    /// <summary>The clock behind "today" (disallowPassedDates) and FEEL's now() and today(); replace it in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The time zone in which "today" is reckoned; VUPE runs on Peru time (America/Lima) by default.</summary>
    public TimeZoneInfo TimeZone { get; init; } = DefaultTimeZone;

    internal static FormValidationOptions Default { get; } = new();

    private static TimeZoneInfo DefaultTimeZone { get; } = FindLima();

    // Peru has kept UTC-5 without daylight saving since 1994; a fixed zone is the fallback where tzdata is missing.
    private static TimeZoneInfo FindLima()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Lima");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("America/Lima", TimeSpan.FromHours(-5), "America/Lima", "PET");
        }
    }
}
