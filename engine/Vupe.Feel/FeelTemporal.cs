namespace Vupe.Feel;

/// <summary>ISO-8601 helpers for timers (BPMN timeDuration / timeDate).</summary>
public static class FeelTemporal
{
    /// <summary>P1Y2M gives a years and months duration; P3DT4H5M6.5S, PT15M, P2W a days and time duration; "-" negates.</summary>
    public static bool TryParseDuration(string iso, out FeelValue duration)
    {
        var parsed = iso is null ? null : TemporalText.ParseDuration(iso.Trim());
        duration = parsed ?? FeelNull.Instance;
        return parsed is not null;
    }

    /// <summary>"2026-01-31T10:00:00Z", with an offset, with "@Europe/Lima", or local (no zone).</summary>
    public static bool TryParseDateTime(string iso, out FeelValue dateTime)
    {
        var parsed = iso is null ? null : TemporalText.ParseDateTime(iso.Trim());
        dateTime = parsed ?? (FeelValue)FeelNull.Instance;
        return parsed is not null;
    }
}
