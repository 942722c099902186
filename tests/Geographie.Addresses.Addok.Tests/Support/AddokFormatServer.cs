using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Geographie.Addresses;
using Geographie.Addresses.Addok;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Geographie.Addresses.Addok.Tests.Support;

/// <summary>
/// A local HTTP server (Kestrel, loopback, a free port) that speaks addok's formats: <c>GET /search/</c> answers a
/// GeoJSON FeatureCollection, <c>POST /search/csv/</c> a CSV with the <c>result_*</c> columns appended. It answers
/// with real addresses only: those it is given (the shipped BAL), found by the built-in <see cref="AddressIndex"/>.
/// Scripted faults (<see cref="Then"/>) replace the next answers: a status (with <c>Retry-After</c>), or a request
/// left hanging until the client gives up. Counts every request it receives. For tests and benchmarks.
/// </summary>
public sealed class AddokFormatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AddressIndex _index;
    private readonly Dictionary<string, AddressRecord> _byId;
    private readonly ConcurrentQueue<Fault> _faults = new();
    private int _searches;
    private int _batches;

    /// <summary>What the server does instead of answering: a status, or nothing until the client hangs up.</summary>
    public sealed record Fault(HttpStatusCode Status, int? RetryAfterSeconds = null, bool Hang = false)
    {
        /// <summary>A request left without answer until the client cancels it.</summary>
        public static Fault Hangs { get; } = new(HttpStatusCode.OK, Hang: true);
    }

    private AddokFormatServer(WebApplication app, IReadOnlyList<AddressRecord> addresses)
    {
        _app = app;
        _index = new AddressIndex(addresses);
        _byId = addresses.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    /// <summary>The server's root, to give as the geocoder's base URL.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Single searches received (answered or not).</summary>
    public int Searches => Volatile.Read(ref _searches);

    /// <summary>CSV batches received (answered or not).</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <summary>Starts a server answering with <paramref name="addresses"/>.</summary>
    public static async Task<AddokFormatServer> StartAsync(IReadOnlyList<AddressRecord> addresses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new AddokFormatServer(app, addresses);
        app.MapGet("/search/", server.SearchAsync);
        app.MapPost("/search/csv/", server.BatchAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First() + "/");
        return server;
    }

    /// <summary>Queues faults: each replaces one coming answer, in order, whatever its route.</summary>
    public void Then(params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task SearchAsync(HttpContext context)
    {
        Interlocked.Increment(ref _searches);
        if (await FaultedAsync(context))
        {
            return;
        }
        var q = context.Request.Query["q"].ToString();
        if (q.Trim().Length < 3)
        {
            // addok's own refusal of a query too short to search.
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { code = 400, message = "q must contain at least 3 chars and start with a number or a letter" });
            return;
        }
        var match = Search(q, context.Request.Query["postcode"], context.Request.Query["citycode"]);
        var features = match is null ? [] : new[] { Feature(match) };
        await context.Response.WriteAsJsonAsync(new { type = "FeatureCollection", version = "draft", features, query = q, limit = 1 });
    }

    private async Task BatchAsync(HttpContext context)
    {
        Interlocked.Increment(ref _batches);
        if (await FaultedAsync(context))
        {
            return;
        }
        var form = await context.Request.ReadFormAsync();
        using var reader = new StreamReader(form.Files["data"]!.OpenReadStream(), Encoding.UTF8);
        var rows = AddokCsv.Rows(await reader.ReadToEndAsync());
        var header = rows[0];
        var columns = form["columns"].Select(c => header.IndexOf(c!)).ToArray();
        int postcode = header.IndexOf(form["postcode"].ToString()), citycode = header.IndexOf(form["citycode"].ToString());
        var csv = new StringBuilder(string.Join(',', header.Select(AddokCsv.Quote)))
            .Append(",latitude,longitude,result_label,result_score,result_type,result_id,result_citycode,result_postcode,result_status\n");
        foreach (var row in rows.Skip(1))
        {
            string? Cell(int i) => i >= 0 && i < row.Count && row[i].Length > 0 ? row[i] : null;
            var match = Search(string.Join(' ', columns.Select(Cell).OfType<string>()), Cell(postcode), Cell(citycode));
            csv.Append(string.Join(',', row.Select(AddokCsv.Quote)));
            if (match is null)
            {
                csv.Append(",,,,,,,,,not-found\n");
                continue;
            }
            var record = Record(match);
            csv.Append(',').Append(Invariant(match.Lat)).Append(',').Append(Invariant(match.Lon))
               .Append(',').Append(AddokCsv.Quote(match.Label)).Append(',').Append(Invariant(match.Score))
               .Append(',').Append(Type(match.Type)).Append(',').Append(match.Id)
               .Append(',').Append(record?.CommuneInsee).Append(',').Append(record?.Postcode).Append(",ok\n");
        }
        context.Response.ContentType = "text/csv; charset=utf-8";
        await context.Response.WriteAsync(csv.ToString());
    }

    private async Task<bool> FaultedAsync(HttpContext context)
    {
        if (!_faults.TryDequeue(out var fault))
        {
            return false;
        }
        if (fault.Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return true;
        }
        context.Response.StatusCode = (int)fault.Status;
        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        await context.Response.WriteAsJsonAsync(new { code = (int)fault.Status, message = "scripted fault" });
        return true;
    }

    private AddressMatch? Search(string q, string? postcode, string? citycode) =>
        _index.Search(new AddressQuery(q, Postcode: string.IsNullOrEmpty(postcode) ? null : postcode, CityCode: string.IsNullOrEmpty(citycode) ? null : citycode)).Match;

    private AddressRecord? Record(AddressMatch match) => match.Id is { } id && _byId.TryGetValue(id, out var record) ? record : null;

    private object Feature(AddressMatch match)
    {
        var record = Record(match);
        return new
        {
            type = "Feature",
            geometry = new { type = "Point", coordinates = new[] { match.Lon, match.Lat } },
            properties = new
            {
                label = match.Label,
                score = match.Score,
                type = Type(match.Type),
                id = match.Id,
                citycode = record?.CommuneInsee,
                postcode = record?.Postcode,
                housenumber = record is { Number: > 0 } ? record.Number + record.Suffix : null,
                street = record?.Street,
                city = record?.CommuneName,
            },
        };
    }

    // Our match types in addok's words; our commune-only match is addok's municipality.
    private static string Type(AddressMatchType type) => type switch
    {
        AddressMatchType.HouseNumber => "housenumber",
        AddressMatchType.Street => "street",
        _ => "municipality",
    };

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
