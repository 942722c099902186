using Geographie.Domain.Geography;

namespace Geographie.Api.Http.OpenApi;

/// <summary>
/// One description per parameter name, shared by every route that takes it: the query string has one spelling per
/// meaning across the API (<c>geography</c>, <c>commune</c>, <c>near_distance_m</c>…). A route whose parameter means
/// something narrower is listed by its path. The examples are real: together they make each operation answer 200
/// (Duchère, Lyon, a 2015 QPV whose perimeter is shipped), which the convention test checks.
/// </summary>
public static class ParameterCatalog
{
    private static readonly string[] Geographies = GeographyVersions.All.Select(v => v.Code).ToArray();

    private static readonly Dictionary<string, ParameterDoc> ByName = new(StringComparer.Ordinal)
    {
        ["id"] = ParameterDoc.Text("Your identifier of the point, returned as is in the answer.", "a1"),
        ["lon"] = ParameterDoc.Number("Longitude in degrees, WGS84 (EPSG:4326); with lat, or give x and y instead.", 4.79425, -180, 180),
        ["lat"] = ParameterDoc.Number("Latitude in degrees, WGS84 (EPSG:4326); with lon.", 45.78506, -90, 90),
        ["x"] = ParameterDoc.Number("Easting in metres, Lambert-93 (EPSG:2154), with y, instead of lon and lat (e.g. 839393).", null),
        ["y"] = ParameterDoc.Number("Northing in metres, Lambert-93 (EPSG:2154), with x (e.g. 6522188).", null),
        ["geography"] = ParameterDoc.OneOf($"QPV edition: {string.Join(" or ", Geographies)}; default {GeographyVersions.Default.Code}.", Geographies, "qpv2015"),
        ["date"] = new(Microsoft.OpenApi.JsonSchemaType.String,
            "Day the answer is for (YYYY-MM-DD): the edition in force that day, instead of geography (not both).", Format: "date"),
        ["near_distance_m"] = ParameterDoc.Number("Answer NEAR for a point outside a QPV but within this many metres of one.", 100, 0),
        ["position_uncertainty_m"] = ParameterDoc.Number("How far the true position may be from the point, in metres: UNCERTAIN when a boundary is that close.", 10, 0),
        ["include"] = ParameterDoc.OneOf("contrat: add the défis and projets of the Contrat de ville reaching the quartier.", ["contrat"], "contrat"),
        ["search"] = ParameterDoc.Text("Words that must each appear in the code, the name or a commune name of the quartier.", "Duchère"),
        ["commune"] = ParameterDoc.Text("INSEE code of a commune (Marseille is 13055, Lyon 69123).", "69123"),
        ["limit"] = ParameterDoc.Integer("Most quartiers returned (default 20).", 50, 1, 2000),
        ["code"] = ParameterDoc.Text("QPV code (QN… for 2024, QP… for 2015; the edition follows from it unless geography is given).", "QP069037"),
        ["orientation"] = ParameterDoc.Text("Orientation id of the Contrat de ville (GET /v1/orientations).", "orientation-1"),
        ["registre"] = ParameterDoc.Text("Registre of action of the projets.", "Essaimage"),
        ["defi"] = ParameterDoc.Text("Défi id of the Contrat de ville (GET /v1/defis).", "defi-01"),
        ["quartier"] = ParameterDoc.Text("2024 QPV code the projets reach.", "QN01309M"),
        ["format"] = ParameterDoc.OneOf("Answer format; without it, the Accept header decides (JSON otherwise).", ["json", "csv", "geojson"], "json"),
        ["crs"] = ParameterDoc.Text("Coordinate system of the zones sent: EPSG:4326 (default, also CRS84) or EPSG:2154 (Lambert-93).", "EPSG:4326"),
        ["departement"] = ParameterDoc.Text("Département code (13, 69, 2A, 971).", "69"),
        ["from"] = ParameterDoc.OneOf("Older edition compared (default qpv2015).", Geographies, "qpv2015"),
        ["to"] = ParameterDoc.OneOf("Newer edition compared.", Geographies, "qpv2024"),
        ["z"] = ParameterDoc.Integer("Zoom level of the tile.", 12, 0, 22),
        ["x:tile"] = ParameterDoc.Integer("Column of the tile (0 at 180° W).", 2102, 0),
        ["y:tile"] = ParameterDoc.Integer("Row of the tile (0 at the north edge).", 1461, 0),
        ["collectionId"] = ParameterDoc.Text("Collection id: a QPV edition or communes (GET /ogc/collections).", "qpv2015"),
        ["featureId"] = ParameterDoc.Text("Feature id: a QPV code, or an INSEE code in communes.", "QP069037"),
    };

    private static readonly Dictionary<string, ParameterDoc> ByRoute = new(StringComparer.Ordinal)
    {
        ["/v1/projets/{id} id"] = ParameterDoc.Text("Projet id (GET /v1/projets).", "projet-1-01"),
        ["/v1/eligibility/summary format"] = ParameterDoc.OneOf("Answer format; without it, the Accept header decides (JSON otherwise).", ["json", "csv"], "json"),
        // An address is asked instead of lon/lat or x/y (docs/addresses.md): no example, so that the route's examples
        // (a point) make one request rather than a point and an address at once.
        ["/v1/eligibility address"] = ParameterDoc.Text("Address as free text, instead of lon/lat or x/y (e.g. 1 rue Joffre Mont-Bonvillers); see docs/addresses.md.", null),
        ["/v1/eligibility numero"] = ParameterDoc.Text("House number of a structured address (with voie), e.g. 12 or 12bis.", null),
        ["/v1/eligibility voie"] = ParameterDoc.Text("Street of a structured address, e.g. rue Joffre.", null),
        ["/v1/eligibility code_postal"] = ParameterDoc.Text("Postcode of the address (5 digits), a filter.", null),
        ["/v1/eligibility commune"] = ParameterDoc.Text("Commune of the address, by name.", null),
        ["/v1/eligibility citycode"] = ParameterDoc.Text("INSEE code of the address's commune, a filter.", null),
        ["/v1/eligibility/batch columns"] = ParameterDoc.Text("CSV batch: a column joined into the address text (repeat for several, addok-csv style).", null),
        ["/v1/eligibility/batch postcode"] = ParameterDoc.Text("CSV batch: the column holding the postcode of each address.", null),
        ["/v1/eligibility/batch citycode"] = ParameterDoc.Text("CSV batch: the column holding the INSEE code of each address's commune.", null),
        ["/v1/overlaps id"] = ParameterDoc.Text("Property of each feature holding the zone's id (default: the feature id, else its position).", null),
        ["/v1/evolution id"] = ParameterDoc.Text("Property of each feature holding the zone's id (default: the feature id, else its position).", null),
    };

    /// <summary>The description of parameter <paramref name="name"/> of the route <paramref name="route"/>, or null.</summary>
    public static ParameterDoc? Find(string route, string name) =>
        ByRoute.GetValueOrDefault($"{route} {name}")
        ?? (route.StartsWith("/tiles/", StringComparison.Ordinal) && name is "x" or "y" ? ByName[$"{name}:tile"] : ByName.GetValueOrDefault(name));
}
