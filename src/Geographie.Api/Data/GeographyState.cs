using Geographie.Domain.Snapshots;
using Geographie.Storage.Reading;

namespace Geographie.Api.Data;

/// <summary>
/// Holds the current <see cref="GeographySnapshot"/> and what the refresher last learnt of the database of record.
/// Readers take the snapshot reference once per request and use it throughout; the refresher swaps it atomically,
/// so no request sees half an index and none waits for a build. The database fields are informative: the service
/// answers from the snapshot whether or not PostGIS is reachable.
/// </summary>
public sealed class GeographyState
{
    private GeographySnapshot? _current;

    /// <summary>The snapshot in use, or null before the first load.</summary>
    public GeographySnapshot? Current => Volatile.Read(ref _current);

    /// <summary>The last error of a load attempt, or null once the database answered again. Never shown publicly: it may name hosts.</summary>
    public string? LastError { get; private set; }

    /// <summary>How long the last build took (read from PostGIS plus index builds).</summary>
    public TimeSpan LastBuildTime { get; private set; }

    /// <summary>When the database last answered the revision check (the snapshot was then known to be current).</summary>
    public DateTimeOffset? DatabaseAnsweredAt { get; private set; }

    /// <summary>Since when the database has failed to answer, or null while it answers.</summary>
    public DateTimeOffset? DatabaseUnreachableSince { get; private set; }

    /// <summary>Import outcomes as the audit table last told them (every process's imports), empty before the first poll.</summary>
    public IReadOnlyList<ImportTally> ImportTallies { get; private set; } = [];

    /// <summary>Records the import outcomes read from the audit.</summary>
    public void Record(IReadOnlyList<ImportTally> tallies) => ImportTallies = tallies;

    /// <summary>
    /// Raised on the publishing thread right after a snapshot becomes <see cref="Current"/>, for work that prepares
    /// answers ahead of requests; a handler must return at once (start its work elsewhere).
    /// </summary>
    public event Action<GeographySnapshot>? Published;

    /// <summary>Publishes a new snapshot read from the database at <paramref name="at"/>.</summary>
    public void Publish(GeographySnapshot snapshot, TimeSpan buildTime, DateTimeOffset at)
    {
        LastBuildTime = buildTime;
        Volatile.Write(ref _current, snapshot);
        Confirm(at);
        Published?.Invoke(snapshot);
    }

    /// <summary>Records that the database answered at <paramref name="at"/>: the snapshot in use is the current revision.</summary>
    public void Confirm(DateTimeOffset at)
    {
        LastError = null;
        DatabaseUnreachableSince = null;
        DatabaseAnsweredAt = at;
    }

    /// <summary>Records a failed load or check at <paramref name="at"/>; the previous snapshot stays in use.</summary>
    public void Fail(string error, DateTimeOffset at)
    {
        LastError = error;
        DatabaseUnreachableSince ??= at;
    }
}
