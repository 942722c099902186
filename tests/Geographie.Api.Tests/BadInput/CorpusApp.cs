using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Geographie.Api.Cli;
using Geographie.Api.Data;
using Geographie.Api.Tests.Eligibility;
using Geographie.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Geographie.Api.Tests.BadInput;

/// <summary>
/// The service in memory over its own database holding the shipped data, with every log entry of level Error or
/// above recorded: a bad request must never be logged as a failure of the service. Shared by the corpus's classes.
/// </summary>
public sealed class CorpusApp : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public TestDatabase Database => _database;

    /// <summary>Error-level entries logged since the last <see cref="TakeErrors"/>.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>A real point: the interior point of the first shipped Lyon 2015 perimeter, and that perimeter's code.</summary>
    public static (double Lon, double Lat, string Code) KnownPoint { get; } = FindKnownPoint();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.MigrateAsync();
        Assert.Equal(0, await ShippedData.LoadAsync(_database.DataSource, Geodata.Path(""), TextWriter.Null, CancellationToken.None));
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Geographie:Database", _database.ConnectionString)
            .ConfigureLogging(logging => logging.AddProvider(new ErrorRecorder(Errors))));
        Client = AcceptEnglish.On(Factory.CreateClient());
        Channel = GrpcChannel.ForAddress(Factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new AcceptEnglish(Factory.Server.CreateHandler()),
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
        await Factory.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        Client.Dispose();
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The error-level entries logged so far, emptied.</summary>
    public List<string> TakeErrors()
    {
        var taken = new List<string>();
        while (Errors.TryDequeue(out var entry))
        {
            taken.Add(entry);
        }
        return taken;
    }

    /// <summary>Asserts the service still answers the known point INSIDE its quartier, and logged no error.</summary>
    public async Task AssertStillRightAsync(string afterCase)
    {
        var (lon, lat, code) = KnownPoint;
        var answer = await Client.GetFromJsonAsync<JsonElement>(string.Create(CultureInfo.InvariantCulture,
            $"/v1/eligibility?lon={lon:R}&lat={lat:R}&geography=qpv2015"));
        Assert.True(answer.GetProperty("status").GetString() == "INSIDE", $"after {afterCase}: {answer}");
        Assert.Equal(code, answer.GetProperty("quartier").GetProperty("code").GetString());
        var errors = TakeErrors();
        Assert.True(errors.Count == 0, $"after {afterCase}: error-level log entries: {string.Join(" | ", errors)}");
    }

    private static (double, double, string) FindKnownPoint()
    {
        var (code, perimeter) = RealPoints.LyonPerimeters[0];
        var inside = perimeter.InteriorPoint.Coordinate;
        return (inside.X, inside.Y, code);
    }

    private sealed class ErrorRecorder(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // The health check's own "not loaded yet" at start-up is readiness, not a request failure.
                if (logLevel >= LogLevel.Error && !category.Contains("HealthCheck", StringComparison.Ordinal))
                {
                    errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}");
                }
            }
        }
    }
}
