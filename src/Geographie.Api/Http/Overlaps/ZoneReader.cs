using System.Globalization;
using System.Text.Json;
using Geographie.Api.Texts;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Texts;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// The zones of a GeoJSON body, read one feature at a time as the body arrives: a geometry, a Feature or a
/// FeatureCollection, WGS84 by default, Lambert-93 when declared (<c>?crs=EPSG:2154</c> or a GeoJSON 2008 <c>crs</c>
/// member naming EPSG 2154, placed before <c>features</c> as every writer places it). A zone's id is the property
/// named by <c>?id=</c>, else the feature's <c>id</c>, else its position (1-based).
/// </summary>
/// <remarks>
/// Memory is flat in the number of features: the body goes through a buffer that holds the largest feature (the whole
/// body only when it is a single zone), never the whole collection. The features of a collection are read in one pass
/// by a <see cref="FeatureScanner"/>, ids and rings straight from the buffer; from the first thing it does not read
/// (and for a single zone, and the root's members), a <see cref="Utf8JsonReader"/> walks the rest and each feature's
/// bytes are handed out and parsed by <see cref="Read"/> (<see cref="ZoneJson"/>), the exact reader whose answers and
/// error messages the scanner's reproduce. <see cref="NextAsync"/> is not thread-safe; <see cref="Read"/> is, once a
/// feature has been handed out.
/// </remarks>
internal sealed class ZoneReader
{
    private const int FirstBufferBytes = 64 * 1024;


    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private readonly Stream _body;
    private readonly string? _queryCrs;
    private readonly string? _idProperty;
    private readonly Language _language;
    private readonly FeatureScanner? _scanner;
    private byte[] _buffer = new byte[FirstBufferBytes];
    private int _start;
    private int _end;
    private int _rootStart;
    private bool _final;
    private bool _started;
    private bool _sawFeatures;
    private JsonReaderState _state;
    private Stage _stage;
    private string? _rootType;
    private string? _bodyCrs;

    // The one-pass scan of the features: whether it reads now, whether a feature was read since the array's '[', the
    // reader's state right after that '[' and its line and position there, and the line of the next byte to read
    // (a line feed's count, the body offset where the line starts): what the exact reader needs to resume.
    private bool _scanning;
    private bool _afterFeature;
    private JsonReaderState _arrayState;
    private int _arrayLine;
    private long _arrayPosition;
    private int _line;
    private long _lineStart;
    private int _jsonStart;
    private long _dropped;

    /// <summary>
    /// Reads zones from <paramref name="body"/>; <paramref name="crs"/> (the query's) wins over a <c>crs</c> member;
    /// faults in <paramref name="language"/>. <paramref name="onePass"/>: read a collection's features with the
    /// <see cref="FeatureScanner"/> (false: the exact reader only, the reference the tests compare with).
    /// </summary>
    public ZoneReader(Stream body, string? crs, string? idProperty, Language language, bool onePass = true)
    {
        _body = body;
        _language = language;
        _queryCrs = crs;
        _idProperty = idProperty;
        _scanner = onePass ? new FeatureScanner(idProperty) : null;
    }

    private enum Stage
    {
        Root,
        Members,
        Features,
        Done,
    }

    private enum Step
    {
        Feature,
        More,
        End,

        /// <summary>The scan hands over to the exact reader, or the exact reader to the scan.</summary>
        Switch,
    }

    /// <summary>
    /// What is wrong with the body as a whole (not JSON, not GeoJSON of areas, an unsupported CRS), or null; once set,
    /// no more zones are handed out.
    /// </summary>
    public string? Problem { get; private set; }

    /// <summary>Zones handed out so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the coordinates are Lambert-93 metres; fixed before the first zone is handed out.</summary>
    public bool Lambert93 { get; private set; }

    /// <summary>Zones read by the one-pass scan (the others by the exact reader).</summary>
    public int ScannedCount { get; private set; }

    /// <summary>The next zone's JSON, or null at the end of the body or on a <see cref="Problem"/>.</summary>
    public async ValueTask<ZoneText?> NextAsync(CancellationToken cancel)
    {
        while (Problem is null)
        {
            switch (Advance(out var zone))
            {
                case Step.Feature:
                    return zone;
                case Step.End:
                    return null;
                case Step.More when _final:
                    Problem = _language.Say(EdgeText.ZoneBodyCut);
                    return null;
                default:
                    await FillAsync(cancel);
                    break;
            }
        }

        return null;
    }

    /// <summary>Reads the rest of the body, counting its zones; returns the total.</summary>
    public async Task<int> CountAllAsync(CancellationToken cancel)
    {
        while (await NextAsync(cancel) is not null)
        {
        }

        return Count;
    }

    /// <summary>
    /// Parses and validates a zone handed out by <see cref="NextAsync"/>; on refusal returns null and the fault,
    /// prefixed with the feature's position and id. Thread-safe.
    /// </summary>
    public Zone? Read(ZoneText text, out string? problem)
    {
        var parts = text.Scanned ?? ZoneJson.Read(text.Json.Span, _idProperty);
        var id = parts.Id ?? (text.Index + 1).ToString(CultureInfo.InvariantCulture);
        var geometry = parts.Geometry;
        problem = parts.Fault is { } fault ? _language.Say(fault, parts.Detail) : null;
        if (problem is null && geometry is null && parts.Kind is not null)
        {
            // Not an area: read as whatever geometry it is, so that the refusal names its type.
            geometry = ReadAnyGeometry(text.Json, _language, out problem);
        }

        var looksProjected = geometry is not null && !Lambert93 && ZoneValidator.LooksProjected(geometry);
        var zone = problem is null ? ZoneValidator.Adopt(id, geometry, Lambert93, _language, out problem) : null;
        if (zone is null && problem is not null)
        {
            var hint = looksProjected ? _language.Say(EdgeText.ZoneProjectedHint) : string.Empty;
            problem = _language.Say(EdgeText.ZoneFeatureFault, text.Index + 1, id, problem + hint);
        }

        return zone;
    }

    /// <summary>Reads the bytes read so far up to the next zone, the end, or a value cut by the end of the buffer.</summary>
    private Step Advance(out ZoneText zone)
    {
        zone = default;
        if (!_started)
        {
            if (_end < 3 && !_final)
            {
                return Step.More;
            }

            _start = _end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF ? 3 : 0;
            _jsonStart = _start;
            _started = true;
        }

        while (true)
        {
            var step = _scanning ? Scan(out zone) : Walk(out zone);
            if (step != Step.Switch)
            {
                return step;
            }
        }
    }

    /// <summary>The next feature by the one-pass scan; on anything it does not read, hands over to <see cref="Walk"/>.</summary>
    private Step Scan(out ZoneText zone)
    {
        zone = default;
        var cursor = new FeatureScanner.Cursor(_buffer.AsSpan(_start, _end - _start), Offset(_start), _line, _lineStart);
        switch (_scanner!.Next(ref cursor, _afterFeature, out var parts))
        {
            case FeatureScanner.Outcome.Feature:
                _start += cursor.At;
                _line = cursor.Line;
                _lineStart = cursor.LineStart;
                _afterFeature = true;
                ScannedCount++;
                zone = new ZoneText(default, Count++, parts);
                return Step.Feature;
            case FeatureScanner.Outcome.End:
                _stage = Stage.Done;
                return Finish(0, out zone);
            case FeatureScanner.Outcome.More when !_final:
                return Step.More;
            default:
                HandOver();
                return Step.Switch;
        }
    }

    /// <summary>
    /// Hands the rest of the body, from just after the last feature scanned (or the array's '['), to the exact reader,
    /// in the state it would be in had it read every byte so far: the depth of the array, the token just read, and the
    /// line and byte position its error messages quote.
    /// </summary>
    private void HandOver()
    {
        _scanning = false;
        _state = _arrayState;
        if (!_afterFeature)
        {
            return;
        }

        // A feature's place taken by an empty object ending where it ended: "{}" after spaces on the array's line, or
        // "{", as many line feeds, the spaces of the last line and "}". Only whitespace and one object: cheap enough
        // for a body the scan could not read.
        var lines = _line - _arrayLine;
        var position = (int)(Offset(_start) - _lineStart);
        var filler = lines == 0 ? position - (int)_arrayPosition - 2 : lines + position - 1;
        var synthetic = new byte[filler + 2];
        if (lines == 0)
        {
            synthetic.AsSpan(0, filler).Fill((byte)' ');
            "{}"u8.CopyTo(synthetic.AsSpan(filler));
        }
        else
        {
            synthetic[0] = (byte)'{';
            synthetic.AsSpan(1, lines).Fill((byte)'\n');
            synthetic.AsSpan(1 + lines, position - 1).Fill((byte)' ');
            synthetic[^1] = (byte)'}';
        }

        var reader = new Utf8JsonReader(synthetic, isFinalBlock: false, _arrayState);
        reader.Read();
        reader.Read();
        _state = reader.CurrentState;
    }

    /// <summary>Starts the one-pass scan just after the features array's '[' (at <see cref="_start"/>), in <see cref="_state"/>.</summary>
    private void StartScan()
    {
        // Nothing was dropped from the buffer yet: the root's members before the features are all there.
        var json = _buffer.AsSpan(_jsonStart, _start - _jsonStart);
        _arrayState = _state;
        _arrayLine = _line = json.Count((byte)'\n');
        _lineStart = json.LastIndexOf((byte)'\n') + 1;
        _arrayPosition = json.Length - _lineStart;
        _scanning = true;
    }

    /// <summary>The body offset (the JSON's, after any byte-order mark) of buffer index <paramref name="index"/>.</summary>
    private long Offset(int index) => _dropped + index - _jsonStart;

    /// <summary>Walks the bytes read so far with the exact reader up to the next zone, the end, or a value cut by the end of the buffer.</summary>
    private Step Walk(out ZoneText zone)
    {
        zone = default;

        var bytes = _buffer.AsSpan(_start, _end - _start);
        var reader = new Utf8JsonReader(bytes, _final, _state);
        try
        {
            while (true)
            {
                // Where to resume when a value is cut by the end of the bytes read so far.
                var mark = reader.BytesConsumed;
                var markState = reader.CurrentState;
                switch (_stage)
                {
                    case Stage.Root:
                        if (!reader.Read())
                        {
                            return Resume(mark, markState);
                        }

                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            Problem = _language.Say(EdgeText.ZoneNotGeoJson);
                            return Step.End;
                        }

                        _rootStart = _start + (int)reader.TokenStartIndex;
                        _stage = Stage.Members;
                        break;

                    case Stage.Members:
                        if (!reader.Read())
                        {
                            return Resume(mark, markState);
                        }

                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            _stage = Stage.Done;
                            return Finish((int)reader.BytesConsumed, out zone);
                        }

                        var name = reader.GetString();
                        if (!reader.Read())
                        {
                            return Resume(mark, markState);
                        }

                        if (name == "features" && reader.TokenType == JsonTokenType.StartArray)
                        {
                            var first = !_sawFeatures;
                            _sawFeatures = true;
                            _stage = Stage.Features;
                            if (!DecideCrs())
                            {
                                return Step.End;
                            }

                            if (first && _scanner is not null)
                            {
                                Resume(reader.BytesConsumed, reader.CurrentState);
                                StartScan();
                                return Step.Switch;
                            }

                            break;
                        }

                        var valueStart = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            return Resume(mark, markState);
                        }

                        if (name == "type" && reader.TokenType == JsonTokenType.String)
                        {
                            _rootType = reader.GetString();
                        }
                        else if (name == "crs" && !Crs(bytes[valueStart..(int)reader.BytesConsumed]))
                        {
                            return Step.End;
                        }

                        break;

                    case Stage.Features:
                        if (!reader.Read())
                        {
                            return Resume(mark, markState);
                        }

                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _stage = Stage.Members;
                            break;
                        }

                        var featureStart = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            return Resume(mark, markState);
                        }

                        zone = new ZoneText(bytes[featureStart..(int)reader.BytesConsumed].ToArray(), Count++);
                        Resume(reader.BytesConsumed, reader.CurrentState);
                        return Step.Feature;

                    default:
                        return Step.End;
                }
            }
        }
        catch (JsonException e)
        {
            Problem = _language.Say(EdgeText.ZoneBodyNotJson, e.Message);
            return Step.End;
        }
    }

    /// <summary>Records where to resume and asks for more bytes.</summary>
    private Step Resume(long consumed, JsonReaderState state)
    {
        _start += (int)consumed;
        _state = state;
        return Step.More;
    }

    /// <summary>At the end of the root object: a collection is done; a single geometry or Feature is the one zone.</summary>
    private Step Finish(int consumed, out ZoneText zone)
    {
        zone = default;
        if (_sawFeatures && _rootType == "FeatureCollection")
        {
            Problem = Count == 0 ? _language.Say(EdgeText.ZoneCollectionEmpty) : null;
            return Step.End;
        }

        if (_sawFeatures || _rootType is not ("Feature" or "Polygon" or "MultiPolygon"))
        {
            Problem = _language.Say(EdgeText.ZoneNotGeoJson);
            return Step.End;
        }

        if (!DecideCrs())
        {
            return Step.End;
        }

        zone = new ZoneText(_buffer.AsSpan(_rootStart, _start + consumed - _rootStart).ToArray(), Count++);
        return Step.Feature;
    }

    /// <summary>Reads a GeoJSON 2008 <c>crs</c> member; false (and a problem) when it comes after the features it governs.</summary>
    private bool Crs(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var crs = JsonDocument.ParseValue(ref reader);
        var root = crs.RootElement;
        _bodyCrs = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
        if (_sawFeatures && _queryCrs is null && _bodyCrs is not null && !IsWgs84(_bodyCrs))
        {
            Problem = _language.Say(EdgeText.ZoneCrsLate);
            return false;
        }

        return true;
    }

    /// <summary>Fixes the coordinates' CRS before the first zone; false (and a problem) when it is not supported.</summary>
    private bool DecideCrs()
    {
        var declared = _queryCrs ?? _bodyCrs;
        Lambert93 = declared is not null && declared.Contains("2154", StringComparison.Ordinal);
        if (declared is not null && !Lambert93 && !IsWgs84(declared))
        {
            Problem = _language.Say(EdgeText.ZoneCrsUnsupported, declared);
            return false;
        }

        return true;
    }

    /// <summary>Reads more of the body, dropping what was walked once no single-zone root can need it.</summary>
    private async ValueTask FillAsync(CancellationToken cancel)
    {
        if (_sawFeatures && _start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _dropped += _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        // The scan starts its feature again after each fill: fill the buffer, so that this happens once per buffer
        // rather than once per read of the body.
        do
        {
            var read = await _body.ReadAsync(_buffer.AsMemory(_end), cancel);
            _final = read == 0;
            _end += read;
        }
        while (_scanning && !_final && _end < _buffer.Length);
    }

    private static Geometry? ReadAnyGeometry(ReadOnlyMemory<byte> json, Language language, out string? problem)
    {
        problem = null;
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement;
        if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Feature")
        {
            element = element.GetProperty("geometry");
        }

        try
        {
            return element.Deserialize<Geometry>(GeoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            problem = language.Say(EdgeText.ZoneUnreadable, e.Message);
            return null;
        }
    }

    private static bool IsWgs84(string crs) =>
        crs.Contains("4326", StringComparison.Ordinal) || crs.Contains("CRS84", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One zone as handed out: its JSON as it stood in the body, or what the one-pass scan read of it (<paramref name="Scanned"/>,
/// the JSON then empty); and its position in the body (0-based).
/// </summary>
internal readonly record struct ZoneText(ReadOnlyMemory<byte> Json, int Index, ZoneJson.Parts? Scanned = null);
