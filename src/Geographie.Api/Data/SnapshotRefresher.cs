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
/// replica on another connection still catches up). Build time and memory are logged.
/// </summary>
public sealed partial class SnapshotRefresher(
    NpgsqlDataSource dataSource,
    GeographyState state,
    IOptions<GeographieOptions> options,
    ILogger<SnapshotRefresher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Loads now if the revision changed; used at start and by tests after an import.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var reader = new StoredDataReader(dataSource);
        var revision = await reader.ReadRevisionAsync(cancellationToken);
        if (state.Current?.Revision == revision)
        {
            return;
        }
        var watch = Stopwatch.StartNew();
        var memoryBefore = GC.GetTotalMemory(false);
        var data = await reader.ReadAsync(cancellationToken);
        var snapshot = new GeographySnapshot(data.Revision, data.Quartiers, data.Communes, data.Contrat, DateTimeOffset.UtcNow);
        state.Publish(snapshot, watch.Elapsed);
        LogLoaded(data.Revision, data.Quartiers.Count, data.Quartiers.Count(q => q.HasPerimeter), watch.ElapsedMilliseconds,
            (GC.GetTotalMemory(false) - memoryBefore) / 1024);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = ListenAsync(stoppingToken);
        var migrated = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!migrated)
                {
                    LogDatabase(GeographieDatabase.Redact(dataSource.ConnectionString));
                    await Migrator.MigrateAsync(dataSource, stoppingToken);
                    migrated = true;
                }
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException or InvalidOperationException or TimeoutException)
            {
                state.Fail(e.Message);
                LogFailed(e.Message);
            }
            await _wake.WaitAsync(options.Value.RevisionPollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
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
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot of revision {Revision} loaded: {Quartiers} quartiers, {Perimeters} perimeters, built in {Milliseconds} ms, ~{KiB} KiB allocated")]
    private partial void LogLoaded(long revision, int quartiers, int perimeters, long milliseconds, long kiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostGIS of record: {ConnectionString}")]
    private partial void LogDatabase(string connectionString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot load failed, the previous one stays in use: {Error}")]
    private partial void LogFailed(string error);
}
