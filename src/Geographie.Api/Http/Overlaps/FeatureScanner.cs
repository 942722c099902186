using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// Reads the features of a FeatureCollection in one pass over the body's UTF-8 bytes: each feature's id (its
/// <c>id</c>, or the property named by <c>?id=</c>) and its Polygon or MultiPolygon, the coordinates read straight into
/// its rings. Only the usual shape is understood: a Feature of members <c>type</c>, <c>id</c>, <c>properties</c> and
/// <c>geometry</c> (a Polygon or MultiPolygon of <c>type</c> then <c>coordinates</c>, closed rings of four points or
/// more, plain decimals of at most 15 digits), strings without escapes, JSON whitespace, each member once.
/// </summary>
/// <remarks>
/// Anything else (escapes, exponents, comments, duplicate or other members, heights, invalid UTF-8, a malformed
/// ring…) is <see cref="Outcome.Unusual"/>: nothing of that feature is used, and <see cref="ZoneReader"/> hands the
/// rest of the body to the exact reader, whose answers and error messages are the reference. What is read here is
/// what that reader builds (same ids, same coordinates bit for bit, same ring and polygon structure), which
/// <c>ZoneOnePassTests</c> checks on the shipped files and on a corpus of unusual bodies. Not thread-safe: one per
/// request, its scratch reused from feature to feature.
/// </remarks>
internal sealed partial class FeatureScanner
{
    /// <summary>Nesting skipped inside <c>properties</c> before a feature counts as unusual (the exact reader allows 64 in all).</summary>
    private const int MaxSkipDepth = 16;

    private readonly byte[]? _idProperty;
    private readonly List<LinearRing> _holes = [];
    private readonly List<Polygon> _polygons = [];
    private double[] _xy = new double[4096];

    /// <summary>A scanner for zones whose id is property <paramref name="idProperty"/> when given.</summary>
    public FeatureScanner(string? idProperty) => _idProperty = idProperty is null ? null : Encoding.UTF8.GetBytes(idProperty);

    /// <summary>What <see cref="Next"/> met.</summary>
    public enum Outcome
    {
        /// <summary>A feature, read whole.</summary>
        Feature,

        /// <summary>The end of the features array and of the root object.</summary>
        End,

        /// <summary>The bytes ran out before the feature (or the end) was whole.</summary>
        More,

        /// <summary>Something this scanner does not read; nothing from the cursor on is used.</summary>
        Unusual,
    }

    /// <summary>
    /// Reads what follows a feature (or the array's <c>[</c> when <paramref name="afterFeature"/> is false): a comma and
    /// the next feature, or <c>]</c> and the root's <c>}</c>. On <see cref="Outcome.Feature"/> the cursor is just past the
    /// feature's <c>}</c>.
    /// </summary>
    public Outcome Next(ref Cursor cursor, bool afterFeature, out ZoneJson.Parts parts)
    {
        parts = default;
        if (!cursor.SkipSpace())
        {
            return cursor.Stop;
        }

        var c = cursor.Current;
        if (c == ']')
        {
            cursor.At++;
            return cursor.Take((byte)'}') ? Outcome.End : cursor.Stop;
        }

        if (afterFeature && !cursor.Take((byte)','))
        {
            return cursor.Stop;
        }

        if (!cursor.Take((byte)'{'))
        {
            return cursor.Stop;
        }

        return Feature(ref cursor, out parts) ? Outcome.Feature : cursor.Stop;
    }

    /// <summary>A feature's members; the cursor is past its <c>{</c> and ends past its <c>}</c>.</summary>
    private bool Feature(ref Cursor cursor, out ZoneJson.Parts parts)
    {
        parts = default;
        string? id = null, chosen = null;
        Geometry? geometry = null;
        var isFeature = false;
        var seen = Member.None;
        do
        {
            if (!cursor.Key(out var name))
            {
                return false;
            }

            var member = name.SequenceEqual("type"u8) ? Member.Type
                : name.SequenceEqual("id"u8) ? Member.Id
                : name.SequenceEqual("properties"u8) ? Member.Properties
                : name.SequenceEqual("geometry"u8) ? Member.Geometry
                : Member.None;
            if (member == Member.None || (seen & member) != 0)
            {
                return cursor.Unusual();
            }

            seen |= member;
            var read = member switch
            {
                Member.Type => cursor.String(out var type) && (isFeature = type.SequenceEqual("Feature"u8)),
                Member.Id => cursor.Text(out id),
                Member.Properties => Properties(ref cursor, out chosen),
                _ => Geometry(ref cursor, out geometry),
            };
            if (!read)
            {
                // A stop keeps its reason; a value read whole but not a Feature's (another type) is unusual.
                return cursor.Stop == Outcome.Feature && cursor.Unusual();
            }
        }
        while (cursor.NextMember());

        if (cursor.Stop != Outcome.Feature)
        {
            return false;
        }

        if (!isFeature || geometry is null)
        {
            return cursor.Unusual();
        }

        parts = new ZoneJson.Parts(chosen ?? id, geometry.GeometryType, geometry, null);
        return true;
    }

    /// <summary>The chosen property's text (null when absent or not asked for); the cursor is on the value.</summary>
    private bool Properties(ref Cursor cursor, out string? chosen)
    {
        chosen = null;
        if (_idProperty is null)
        {
            return cursor.Skip(0);
        }

        if (!cursor.SkipSpace())
        {
            return false;
        }

        if (cursor.Current != '{')
        {
            return cursor.Current == 'n' ? cursor.Literal("null"u8) : cursor.Unusual();
        }

        cursor.At++;
        if (cursor.EmptyContainer((byte)'}', out var empty) && empty)
        {
            return true;
        }

        if (cursor.Stop != Outcome.Feature)
        {
            return false;
        }

        var found = false;
        do
        {
            if (!cursor.Key(out var name))
            {
                return false;
            }

            if (!name.SequenceEqual(_idProperty))
            {
                if (!cursor.Skip(1))
                {
                    return false;
                }

                continue;
            }

            if (found || !cursor.Text(out chosen))
            {
                return found ? cursor.Unusual() : false;
            }

            found = true;
        }
        while (cursor.NextMember());

        return cursor.Stop == Outcome.Feature;
    }

    /// <summary>A Polygon or MultiPolygon object, <c>type</c> before <c>coordinates</c>; the cursor is on the value.</summary>
    private bool Geometry(ref Cursor cursor, out Geometry? geometry)
    {
        geometry = null;
        if (!cursor.Take((byte)'{') || !cursor.Key(out var name) || !name.SequenceEqual("type"u8) || !cursor.String(out var type))
        {
            return cursor.Stop == Outcome.Feature ? cursor.Unusual() : false;
        }

        var multi = type.SequenceEqual("MultiPolygon"u8);
        if ((!multi && !type.SequenceEqual("Polygon"u8)) || !cursor.Take((byte)','))
        {
            return cursor.Stop == Outcome.Feature ? cursor.Unusual() : false;
        }

        if (!cursor.Key(out name) || !name.SequenceEqual("coordinates"u8))
        {
            return cursor.Stop == Outcome.Feature ? cursor.Unusual() : false;
        }

        if (!(multi ? MultiPolygon(ref cursor, out geometry) : Polygon(ref cursor, out geometry)))
        {
            return false;
        }

        return cursor.Take((byte)'}');
    }

    private bool MultiPolygon(ref Cursor cursor, out Geometry? geometry)
    {
        geometry = null;
        if (!cursor.Take((byte)'['))
        {
            return false;
        }

        _polygons.Clear();
        do
        {
            if (!Polygon(ref cursor, out var polygon))
            {
                return false;
            }

            _polygons.Add((Polygon)polygon!);
        }
        while (cursor.NextItem());

        if (cursor.Stop != Outcome.Feature)
        {
            return false;
        }

        geometry = ZoneJson.Factory.CreateMultiPolygon([.. _polygons]);
        return true;
    }

    /// <summary>A polygon's rings, as <see cref="ZoneJson"/> builds them: the first the shell, the others holes.</summary>
    private bool Polygon(ref Cursor cursor, out Geometry? polygon)
    {
        polygon = null;
        if (!cursor.Take((byte)'['))
        {
            return false;
        }

        LinearRing? shell = null;
        _holes.Clear();
        do
        {
            if (!Ring(ref cursor, out var ring))
            {
                return false;
            }

            if (shell is null)
            {
                shell = ring;
            }
            else
            {
                _holes.Add(ring!);
            }
        }
        while (cursor.NextItem());

        if (cursor.Stop != Outcome.Feature)
        {
            return false;
        }

        polygon = ZoneJson.Factory.CreatePolygon(shell, [.. _holes]);
        return true;
    }

    /// <summary>A closed ring of at least four x, y positions; anything else (heights, an open ring) is unusual.</summary>
    private bool Ring(ref Cursor cursor, out LinearRing? ring)
    {
        ring = null;
        if (!cursor.Take((byte)'['))
        {
            return false;
        }

        var n = 0;
        do
        {
            if (n + 2 > _xy.Length)
            {
                Array.Resize(ref _xy, _xy.Length * 2);
            }

            if (!cursor.PlainPosition(out _xy[n], out _xy[n + 1])
                && (!cursor.Take((byte)'[') || !cursor.Coordinate(out _xy[n]) || !cursor.Take((byte)',') || !cursor.Coordinate(out _xy[n + 1])
                    || !cursor.Take((byte)']')))
            {
                return false;
            }

            n += 2;
        }
        while (cursor.NextItem());

        if (cursor.Stop != Outcome.Feature)
        {
            return false;
        }

        // NTS refuses open rings and rings of fewer than four points; the exact reader words that refusal.
        if (n < 8 || _xy[0] != _xy[n - 2] || _xy[1] != _xy[n - 1])
        {
            return cursor.Unusual();
        }

        // Packed: one array of doubles per ring instead of an object per vertex (the zone is read, projected in place
        // and flattened once; nothing asks it for Coordinate objects unless it must be repaired).
        ring = ZoneJson.Factory.CreateLinearRing(new PackedDoubleCoordinateSequence(_xy[..n], 2, 0));
        return true;
    }

    [Flags]
    private enum Member
    {
        None = 0,
        Type = 1,
        Id = 2,
        Properties = 4,
        Geometry = 8,
    }
}
