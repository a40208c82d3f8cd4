namespace Vupe.Engine.Persistence;

/// <summary>The rows that carry an optimistic-concurrency version.</summary>
internal static class Versioned
{
    public static void Increment(object record)
    {
        switch (record)
        {
            case ProcessInstanceRecord r: r.Version++; break;
            case UserTaskRecord r: r.Version++; break;
            case JobRecord r: r.Version++; break;
            case CaseFileRecord r: r.Version++; break;
        }
    }

    public static void Set(object record, long version)
    {
        switch (record)
        {
            case ProcessInstanceRecord r: r.Version = version; break;
            case UserTaskRecord r: r.Version = version; break;
            case JobRecord r: r.Version = version; break;
            case CaseFileRecord r: r.Version = version; break;
            default: throw new ArgumentException($"{record.GetType().Name} has no version.");
        }
    }
}
