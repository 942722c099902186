using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Geographie.Api.Tests.Http;

/// <summary>A stopping service finishes the batches in flight: a CSV answered while the host shuts down comes back whole.</summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private readonly KestrelApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_batch_in_flight_when_the_host_stops_is_answered_to_its_last_row()
    {
        // Fixed-seed points over the Lyon perimeters' extent, enough rows for the answer to outlast the stop signal.
        const int Rows = 300_000;
        var random = new Random(20261201);
        var body = new StringBuilder("id,lon,lat\n");
        for (var i = 0; i < Rows; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"{i},{4.78 + (random.NextDouble() * 0.24):F6},{45.68 + (random.NextDouble() * 0.14):F6}\n");
        }
        var directory = Directory.CreateTempSubdirectory("geographie-shutdown-").FullName;
        var input = Path.Combine(directory, "points.csv");
        var output = Path.Combine(directory, "answers.csv");
        await File.WriteAllTextAsync(input, body.ToString());
        // curl reads the answer while it sends the body, as a real client of a streamed batch must (HttpClient's
        // HTTP/1.1 handler does not, and would deadlock on a body this size).
        using var curl = System.Diagnostics.Process.Start("curl", [
            "-sS", "--fail-with-body", "-H", "Content-Type: text/csv", "--data-binary", "@" + input, "-o", output,
            _app.RestUrl + "/v1/eligibility/batch?geography=qpv2015"])!;
        while (!File.Exists(output) || new FileInfo(output).Length == 0)
        {
            Assert.False(curl.HasExited, "curl ended before the answer started");
            await Task.Delay(20);
        }
        var lifetime = _app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.StopApplication();
        await curl.WaitForExitAsync();

        Assert.Equal(0, curl.ExitCode);
        var ids = File.ReadLines(output).Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)]).ToHashSet();
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
        for (var i = 0; i < Rows; i++)
        {
            Assert.Contains(i.ToString(CultureInfo.InvariantCulture), ids);
        }
    }
}
