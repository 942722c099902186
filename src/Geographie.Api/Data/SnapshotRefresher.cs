using System.Diagnostics;
using Geographie.Api.Hosting;
using Geographie.Domain.Snapshots;
using Geographie.Storage;
using Geographie.Storage.Reading;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Geographie.Api.Data;

/// <summary>
/// Loads the snapshot at start, then rebuilds it whenever the data revision changes: at once on a
/// <c>geographie_data_changed</c> notification, and by polling the revision (so a missed notification or a
/// replica on another connection still catches up). Build time and memory are logged. The data comes from the
/// <see cref="ISnapshotSource"/> the host composes (PostGIS in the service, the shipped files in the fast tests);
/// migrations, the listener and the import audit are the PostGIS of record's.
/// </summary>
public sealed partial class SnapshotRefresher(
    NpgsqlDataSource dataSource,
    ISnapshotSource source,
    StoredDataReader audit,
    GeographyState state,
    Addresses.AddressState addresses,
    Geographie.Addresses.IAddressSource addressSource,
    IOptions<GeographieOptions> options,
    TimeProvider timeProvider,
    ILogger<SnapshotRefresher> logger) : BackgroundService
{
    /// <summary>The service key of the data source snapshots are read from (the primary, or a read replica).</summary>
    public const string ReadSourceKey = "snapshot-read";

    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Loads now if the revision changed; used at start and by tests after an import. Throws when PostGIS fails.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var revision = await source.ReadRevisionAsync(cancellationToken);
        if (state.Current?.Revision == revision)
        {
            state.Confirm(timeProvider.GetUtcNow());
            return;
        }
        var watch = Stopwatch.StartNew();
        var memoryBefore = GC.GetTotalMemory(false);
        var data = await source.ReadAsync(cancellationToken);
        var snapshot = new GeographySnapshot(data.Revision, data.Quartiers, data.Communes, data.Contrat, DateTimeOffset.UtcNow);
        // The address index is searched apart from the snapshot, so it is swapped apart, and rebuilt only when the
        // addresses changed: a perimeter import must not cost a read of every address of France.
        var addressRevision = await addressSource.ReadRevisionAsync(cancellationToken);
        if (addresses.Revision != addressRevision)
        {
            addresses.Publish(new Geographie.Addresses.AddressIndex(await addressSource.ReadAsync(cancellationToken)), addressRevision);
        }
        state.Publish(snapshot, watch.Elapsed, timeProvider.GetUtcNow());
        LogLoaded(data.Revision, data.Quartiers.Count, data.Quartiers.Count(q => q.HasPerimeter), watch.ElapsedMilliseconds,
            (GC.GetTotalMemory(false) - memoryBefore) / 1024);
    }

    /// <summary>
    /// One poll: refreshes if the revision moved; a failure of the source or the database is recorded in <see cref="GeographyState"/>
    /// (the snapshot in use stays) instead of thrown. Returns whether the database answered.
    /// </summary>
    public async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
            state.Record(await audit.ReadImportTalliesAsync(cancellationToken));
            return true;
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            return Failed(e);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (source is not StoredDataReader)
        {
            // Data that is not the database of record (the shipped files of the fast tests) is read once: there is
            // nothing to migrate, listen to or poll, and the database must not be touched.
            await RefreshAsync(stoppingToken);
            return;
        }
        var listener = ListenAsync(stoppingToken);
        var migrated = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!migrated)
            {
                migrated = await MigrateAsync(stoppingToken);
            }
            if (migrated)
            {
                await PollAsync(stoppingToken);
            }
            await _wake.WaitAsync(options.Value.RevisionPollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await listener;
    }

    private async Task<bool> MigrateAsync(CancellationToken stoppingToken)
    {
        try
        {
            LogDatabase(GeographieDatabase.Redact(dataSource.ConnectionString));
            await Migrator.MigrateAsync(dataSource, stoppingToken);
            return true;
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            return Failed(e);
        }
    }

    // What an unreachable or refusing store throws (IOException and InvalidDataException from a file source); anything
    // else is a bug and must surface.
    private static bool IsLoadFailure(Exception e) =>
        e is NpgsqlException or InvalidOperationException or TimeoutException or IOException or InvalidDataException;

    /// <summary>Records the failure (the snapshot in use stays); returns false, for the callers' "did it answer".</summary>
    private bool Failed(Exception e)
    {
        state.Fail(e.Message, timeProvider.GetUtcNow());
        LogFailed(e.Message);
        return false;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => _wake.Release();
                await using (var listen = new NpgsqlCommand("LISTEN geographie_data_changed", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException or TimeoutException)
            {
                // The poll keeps the data fresh meanwhile; retry the listener after a pause.
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // Awaited by ExecuteAsync, but an unexpected failure must not end notifications silently: log and retry.
                LogListenerFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot of revision {Revision} loaded: {Quartiers} quartiers, {Perimeters} perimeters, built in {Milliseconds} ms, ~{KiB} KiB allocated")]
    private partial void LogLoaded(long revision, int quartiers, int perimeters, long milliseconds, long kiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostGIS of record: {ConnectionString}")]
    private partial void LogDatabase(string connectionString);

    [LoggerMessage(Level = LogLevel.Error, Message = "The data-change listener failed; it restarts in 5 s and the poll keeps the data fresh meanwhile")]
    private partial void LogListenerFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot load failed, the previous one stays in use: {Error}")]
    private partial void LogFailed(string error);
}
