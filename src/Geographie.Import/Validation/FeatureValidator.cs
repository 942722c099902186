using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;
using Geographie.Import.Editions;
using Geographie.Import.Files;
using Geographie.Import.Projection;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace Geographie.Import.Validation;

/// <summary>
/// Checks every feature of an official file and turns it into WGS84 MultiPolygons: code format of the edition,
/// unique codes, a name, a non-empty polygonal geometry with closed rings, coordinates within France, validity
/// (invalid geometries are repaired with NTS <see cref="GeometryFixer"/> and listed as repairs). Lambert-93
/// files (declared, or recognised by projected coordinates) are reprojected with ProjNET.
/// </summary>
public static class FeatureValidator
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>
    /// Validates <paramref name="file"/> as <paramref name="edition"/> (detected from the codes when null).
    /// Throws <see cref="InvalidDataException"/> when no edition can be determined.
    /// </summary>
    public static ValidatedFile Validate(SourceFile file, GeographyVersion? edition = null)
    {
        edition ??= EditionFields.DetectEdition(file)
            ?? throw new InvalidDataException(
                $"{Path.GetFileName(file.Path)}: no feature has a QPV code in code_qp/CODE_QP (expected QN… for qpv2024 or QP… for qpv2015).");

        var srid = file.Srid == Lambert93.Srid || LooksProjected(file) ? Lambert93.Srid : 4326;
        var toWgs84 = srid == Lambert93.Srid ? Lambert93.ToWgs84() : null;
        var features = new List<QuartierFeature>(file.Features.Count);
        var repairs = new List<FeatureProblem>();
        var problems = new List<FeatureProblem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var source in file.Features)
        {
            var code = EditionFields.Code(source);
            var problem = CheckAttributes(source, code, edition, seen);
            if (problem is not null)
            {
                problems.Add(new FeatureProblem(source.Index, code, problem));
                continue;
            }
            var perimeter = CheckGeometry(source, toWgs84, out problem, out var repair);
            if (perimeter is null)
            {
                problems.Add(new FeatureProblem(source.Index, code, problem!));
                continue;
            }
            if (repair is not null)
            {
                repairs.Add(new FeatureProblem(source.Index, code, repair));
            }
            features.Add(new QuartierFeature(
                source.Index, code!, EditionFields.Name(source)!, Communes(source),
                EditionFields.Departement(source) ?? Departements.OfQuartierCode(code!), perimeter));
        }
        return new ValidatedFile(edition, srid, features, repairs, problems);
    }

    private static string? CheckAttributes(SourceFeature source, string? code, GeographyVersion edition, Dictionary<string, int> seen)
    {
        if (code is null)
        {
            return "no QPV code (code_qp / CODE_QP is missing or empty)";
        }
        if (!edition.IsValidCode(code))
        {
            return $"code '{code}' is not a {edition.Code} code (expected {edition.CodePattern})";
        }
        if (!seen.TryAdd(code, source.Index))
        {
            return $"code {code} already used by feature #{seen[code]}";
        }
        return EditionFields.Name(source) is null ? "no QPV name (lib_qp / NOM_QP is missing or empty)" : null;
    }

    private static MultiPolygon? CheckGeometry(SourceFeature source, ProjNet.CoordinateSystems.Transformations.MathTransform? toWgs84, out string? problem, out string? repair)
    {
        repair = null;
        var geometry = source.Geometry;
        if (geometry is null || source.GeometryError is not null)
        {
            problem = "unreadable geometry: " + (source.GeometryError ?? "none");
            return null;
        }
        if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
        {
            problem = geometry.IsEmpty ? "empty geometry" : $"a {geometry.GeometryType} where a Polygon or MultiPolygon is expected";
            return null;
        }
        problem = UnclosedRing(geometry);
        if (problem is not null)
        {
            return null;
        }
        if (toWgs84 is not null)
        {
            geometry = Lambert93.Transform(geometry, toWgs84, 4326);
        }
        var envelope = geometry.EnvelopeInternal;
        if (!FranceExtent.Contains(envelope.MinX, envelope.MinY) || !FranceExtent.Contains(envelope.MaxX, envelope.MaxY))
        {
            problem = $"coordinates outside France (lon {envelope.MinX:0.#####}..{envelope.MaxX:0.#####}, lat {envelope.MinY:0.#####}..{envelope.MaxY:0.#####})";
            return null;
        }
        var validity = new IsValidOp(geometry);
        if (!validity.IsValid)
        {
            var fixedGeometry = GeometryFixer.Fix(geometry);
            if (fixedGeometry is not (Polygon or MultiPolygon) || fixedGeometry.IsEmpty || !fixedGeometry.IsValid)
            {
                problem = $"invalid geometry that cannot be repaired: {validity.ValidationError}";
                return null;
            }
            repair = $"repaired: {validity.ValidationError.Message} at ({validity.ValidationError.Coordinate?.X:0.######}, {validity.ValidationError.Coordinate?.Y:0.######})";
            geometry = fixedGeometry;
        }
        return ToMultiPolygon(geometry);
    }

    private static string? UnclosedRing(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(i);
            foreach (var ring in polygon.InteriorRings.Prepend(polygon.ExteriorRing))
            {
                if (!ring.IsClosed)
                {
                    return "a ring is not closed";
                }
                if (ring.NumPoints < 4)
                {
                    return $"a ring has {ring.NumPoints} points (at least 4 are needed)";
                }
            }
        }
        return null;
    }

    // Official files may carry Z or M ordinates (3D Shapefiles, GeoPackages); perimeters are stored in 2D.
    private static MultiPolygon ToMultiPolygon(Geometry geometry)
    {
        LinearRing Flat(LineString ring) => Wgs84.CreateLinearRing(ring.Coordinates.Select(c => new Coordinate(c.X, c.Y)).ToArray());
        var polygons = Enumerable.Range(0, geometry.NumGeometries)
            .Select(i => (Polygon)geometry.GetGeometryN(i))
            .Select(p => Wgs84.CreatePolygon(Flat(p.ExteriorRing), p.InteriorRings.Select(Flat).ToArray()))
            .ToArray();
        return Wgs84.CreateMultiPolygon(polygons);
    }

    private static IReadOnlyList<CommuneRef> Communes(SourceFeature source)
    {
        var codes = EditionFields.CommuneCodes(source);
        var names = EditionFields.CommuneNames(source);
        var count = Math.Max(codes.Count, names.Count);
        return Enumerable.Range(0, count)
            .Select(i => new CommuneRef(i < codes.Count ? codes[i] : null, i < names.Count ? names[i] : string.Empty))
            .ToArray();
    }

    private static bool LooksProjected(SourceFile file) =>
        file.Features.Any(f => f.Geometry is { IsEmpty: false } g && Math.Abs(g.Coordinate.X) > 360);
}
