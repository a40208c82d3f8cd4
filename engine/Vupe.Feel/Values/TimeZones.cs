using System.Collections.Concurrent;

namespace Vupe.Feel;

/// <summary>Looks up IANA zone ids once; <see cref="TimeZoneInfo.FindSystemTimeZoneById"/> reads tzdata on every call.</summary>
internal static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Cache = new(StringComparer.Ordinal);

    public static TimeZoneInfo? Find(string id) => Cache.GetOrAdd(id, static key =>
    {
        if (string.Equals(key, "Z", StringComparison.Ordinal) || string.Equals(key, "UTC", StringComparison.Ordinal))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(key);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    });
}
