using Geographie.Domain.Snapshots;

namespace Geographie.Api.Data;

/// <summary>
/// Holds the current <see cref="GeographySnapshot"/>. Readers take the reference once per request and use it
/// throughout; the refresher swaps it atomically, so no request sees half an index and none waits for a build.
/// </summary>
public sealed class GeographyState
{
    private GeographySnapshot? _current;

    /// <summary>The snapshot in use, or null before the first load.</summary>
    public GeographySnapshot? Current => Volatile.Read(ref _current);

    /// <summary>The last error of a load attempt, or null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>How long the last build took (read from PostGIS plus index builds).</summary>
    public TimeSpan LastBuildTime { get; private set; }

    /// <summary>Publishes a new snapshot.</summary>
    public void Publish(GeographySnapshot snapshot, TimeSpan buildTime)
    {
        LastBuildTime = buildTime;
        LastError = null;
        Volatile.Write(ref _current, snapshot);
    }

    /// <summary>Records a failed load; the previous snapshot stays in use.</summary>
    public void Fail(string error) => LastError = error;
}
