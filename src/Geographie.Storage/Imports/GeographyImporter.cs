using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;
using Geographie.Import.Files;
using Geographie.Import.Register;
using Geographie.Import.Validation;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace Geographie.Storage.Imports;

/// <summary>
/// Imports official geography files into PostGIS: perimeters (GeoJSON, GeoPackage, Shapefile), the register
/// CSV, and commune outlines. Each import is one transaction: refused whole when one feature is unusable, when the
/// file is empty, or when it would remove more of the stored edition than its <see cref="ImportSafeguard"/> allows;
/// a no-op when the data is already there, an atomic replacement otherwise. Thread-safe.
/// </summary>
public sealed class GeographyImporter(NpgsqlDataSource dataSource)
{
    private readonly ImportRunner _runner = new(dataSource);

    /// <summary>
    /// Imports the perimeters of <paramref name="path"/> as <paramref name="edition"/> (detected from the codes when
    /// null). The edition's perimeters become exactly the file's, within <paramref name="safeguard"/> (default
    /// <see cref="ImportSafeguard.Default"/>). Never throws for bad content: a file that cannot be read or validated,
    /// an empty file, or one that would remove too much comes back <see cref="ImportStatus.Refused"/> with the reasons.
    /// </summary>
    public async Task<ImportOutcome> ImportPerimetersAsync(
        string path, GeographyVersion? edition = null, ImportSafeguard? safeguard = null, CancellationToken cancellationToken = default)
    {
        SourceFile file;
        try
        {
            file = SourceFileReader.Read(path);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return await _runner.RefuseAsync(path, "perimeters", edition?.Code, 0, [e.Message], cancellationToken);
        }
        return await ImportPerimetersAsync(path, file, edition, safeguard, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ImportPerimetersAsync(string, GeographyVersion?, ImportSafeguard?, CancellationToken)"/>, for a
    /// file already read from <paramref name="path"/> (the official fetch reads it to verify it: once is enough).
    /// </summary>
    public async Task<ImportOutcome> ImportPerimetersAsync(
        string path, SourceFile file, GeographyVersion? edition = null, ImportSafeguard? safeguard = null, CancellationToken cancellationToken = default)
    {
        ValidatedFile validated;
        try
        {
            validated = FeatureValidator.Validate(file, edition);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return await _runner.RefuseAsync(path, "perimeters", edition?.Code, 0, [e.Message], cancellationToken);
        }
        var count = validated.Features.Count + validated.Problems.Count;
        if (count == 0)
        {
            return await RefuseEmptyAsync(path, "perimeters", edition?.Code, "features", cancellationToken);
        }
        if (!validated.IsAcceptable)
        {
            return await _runner.RefuseAsync(path, "perimeters", validated.Edition.Code, count,
                validated.Problems.Select(p => p.ToString()).ToArray(), cancellationToken);
        }
        var version = validated.Edition.Code;
        return await _runner.RunAsync(path, "perimeters", version, count, validated.Repairs.Select(r => r.ToString()).ToArray(),
            async (connection, ct) =>
            {
                // The 2015 files name communes without codes: the stored outlines and the COG's arrondissements give them.
                var communes = await CommuneResolverAsync(connection, ct);
                await Stage(connection, version,
                    validated.Features.Select(f => (f.Code, f.Name, f.Departement, (MultiPolygon?)f.Perimeter, communes.Resolve(f.Departement, f.Communes))), ct);
                var removed = await GuardRemovals(connection, "perimeters_removed_by_staging", version, $"{version} perimeters",
                    safeguard ?? ImportSafeguard.Default, ct);
                var changed = await Scalar(connection, SqlScripts.Query("upsert_perimeters"), null, ct, returnsRowCount: true);
                changed += await Scalar(connection, SqlScripts.Query("clear_missing_perimeters"), version, ct);
                // Communes from the file only where the register does not already name them with INSEE codes.
                await Execute(connection, """
                    DELETE FROM staged_commune s WHERE EXISTS (
                        SELECT 1 FROM quartier q WHERE q.version = s.version AND q.code = s.code AND q.in_register)
                    """, ct);
                changed += await Scalar(connection, SqlScripts.Query("replace_staged_communes"), null, ct);
                return new AppliedChange(changed, removed);
            }, cancellationToken);
    }

    /// <summary>
    /// Imports the register CSV (<c>code_qp,lib_qp,insee_com,lib_com</c>) of <paramref name="edition"/>: every quartier
    /// with its communes, perimeters untouched. Refused whole on the first bad row, when it holds no row, or when it
    /// would take more of the stored register out than <paramref name="safeguard"/> allows.
    /// </summary>
    public async Task<ImportOutcome> ImportRegisterAsync(
        string path, GeographyVersion edition, ImportSafeguard? safeguard = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<RegisterEntry> entries;
        try
        {
            entries = RegisterCsvReader.Read(path, edition);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return await _runner.RefuseAsync(path, "register", edition.Code, 0, [e.Message], cancellationToken);
        }
        if (entries.Count == 0)
        {
            return await RefuseEmptyAsync(path, "register", edition.Code, "register rows", cancellationToken);
        }
        return await _runner.RunAsync(path, "register", edition.Code, entries.Count, [],
            async (connection, ct) =>
            {
                await Stage(connection, edition.Code,
                    entries.Select(e => (e.Code, e.Name, Departements.OfQuartierCode(e.Code), (MultiPolygon?)null, e.Communes)), ct);
                var removed = await GuardRemovals(connection, "register_removed_by_staging", edition.Code, $"{edition.Code} register codes",
                    safeguard ?? ImportSafeguard.Default, ct);
                var changed = await Scalar(connection, SqlScripts.Query("upsert_register"), edition.Code, ct);
                changed += await Scalar(connection, SqlScripts.Query("upsert_register_communes"), null, ct);
                changed += await Scalar(connection, SqlScripts.Query("replace_staged_communes"), null, ct);
                return new AppliedChange(changed, removed);
            }, cancellationToken);
    }

    /// <summary>Imports commune outlines (GeoJSON with <c>code</c>, <c>nom</c>).</summary>
    public async Task<ImportOutcome> ImportCommuneOutlinesAsync(string path, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<CommuneOutline> communes;
        try
        {
            communes = CommuneOutlineReader.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return await _runner.RefuseAsync(path, "communes", null, 0, [e.Message], cancellationToken);
        }
        if (communes.Count == 0)
        {
            return await RefuseEmptyAsync(path, "communes", null, "commune outlines", cancellationToken);
        }
        return await _runner.RunAsync(path, "communes", null, communes.Count, [],
            async (connection, ct) =>
            {
                await Execute(connection,
                    "CREATE TEMP TABLE staged_outline (insee text, name text, outline geometry(MultiPolygon, 4326)) ON COMMIT DROP", ct);
                await using (var writer = await connection.BeginBinaryImportAsync("COPY staged_outline FROM STDIN (FORMAT BINARY)", ct))
                {
                    foreach (var c in communes)
                    {
                        await writer.StartRowAsync(ct);
                        await writer.WriteAsync(c.Insee, NpgsqlDbType.Text, ct);
                        await writer.WriteAsync(c.Name, NpgsqlDbType.Text, ct);
                        await writer.WriteAsync((Geometry)c.Outline, NpgsqlDbType.Geometry, ct);
                    }
                    await writer.CompleteAsync(ct);
                }
                return new AppliedChange(await Scalar(connection, SqlScripts.Query("upsert_commune_outlines"), null, ct));
            }, cancellationToken);
    }

    private static bool IsUnreadable(Exception e) =>
        e is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or Microsoft.Data.Sqlite.SqliteException;

    private Task<ImportOutcome> RefuseEmptyAsync(string path, string kind, string? edition, string what, CancellationToken cancellationToken) =>
        _runner.RefuseAsync(path, kind, edition, 0,
            [$"the file holds no {what}: an empty file never replaces stored data (was it cut or exported empty?)"], cancellationToken);

    /// <summary>
    /// Under the import lock, what the staged rows would remove from <paramref name="version"/>; throws
    /// <see cref="ImportRefusal"/> when <paramref name="safeguard"/> does not allow it, else returns it for the audit.
    /// </summary>
    private static async Task<IReadOnlyList<string>> GuardRemovals(
        NpgsqlConnection connection, string query, string version, string what, ImportSafeguard safeguard, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SqlScripts.Query(query), connection);
        command.Parameters.AddWithValue("version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var removed = reader.GetFieldValue<string[]>(0);
        var stored = reader.GetInt32(1);
        var coversRegister = reader.GetBoolean(2);
        return safeguard.Refusal(what, stored, removed, coversRegister) is { } refusal ? throw new ImportRefusal(refusal) : removed;
    }

    private static async Task Stage(
        NpgsqlConnection connection, string version,
        IEnumerable<(string Code, string Name, string Departement, MultiPolygon? Perimeter, IReadOnlyList<CommuneRef> Communes)> rows,
        CancellationToken cancellationToken)
    {
        await Execute(connection, SqlScripts.Query("create_staging"), cancellationToken);
        var all = rows.ToArray();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY staged_quartier FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in all)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(version, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.Code, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.Departement, NpgsqlDbType.Text, cancellationToken);
                if (row.Perimeter is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync((Geometry)row.Perimeter, NpgsqlDbType.Geometry, cancellationToken);
                }
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY staged_commune FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in all)
            {
                for (var position = 0; position < row.Communes.Count; position++)
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(version, NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(row.Code, NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(position, NpgsqlDbType.Integer, cancellationToken);
                    if (row.Communes[position].Insee is { } insee)
                    {
                        await writer.WriteAsync(insee, NpgsqlDbType.Text, cancellationToken);
                    }
                    else
                    {
                        await writer.WriteNullAsync(cancellationToken);
                    }
                    await writer.WriteAsync(row.Communes[position].Name, NpgsqlDbType.Text, cancellationToken);
                }
            }
            await writer.CompleteAsync(cancellationToken);
        }
    }

    private static async Task<CommuneResolver> CommuneResolverAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var communes = new List<Commune>();
        await using var command = new NpgsqlCommand(SqlScripts.Query("select_commune_names"), connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            communes.Add(new Commune(reader.GetString(0), reader.GetString(1), reader.GetString(2), null));
        }
        return new CommuneResolver(communes);
    }

    private static async Task<int> Scalar(NpgsqlConnection connection, string sql, string? version, CancellationToken cancellationToken, bool returnsRowCount = false)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (version is not null)
        {
            command.Parameters.AddWithValue("version", version);
        }
        return returnsRowCount
            ? await command.ExecuteNonQueryAsync(cancellationToken)
            : Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
