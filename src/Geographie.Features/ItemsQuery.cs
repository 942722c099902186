namespace Geographie.Features;

/// <summary>
/// What a client asks of a layer's items, validated (see <see cref="ItemsQueryParser"/>). Every filter given must hold.
/// </summary>
/// <param name="Limit">Most features in the page, 1..<see cref="ItemsQueryParser.MaxLimit"/>.</param>
/// <param name="Offset">Matching features skipped before the page, in id order.</param>
/// <param name="Bbox">Features whose geometry intersects it; features without geometry never match a box.</param>
/// <param name="TimeFrom">Start of the <c>datetime</c> interval (null: open or absent).</param>
/// <param name="TimeTo">End of the <c>datetime</c> interval (null: open or absent).</param>
/// <param name="Code">The feature id (QPV code, or the commune's INSEE code).</param>
/// <param name="Insee">A commune the feature lies in (by INSEE code).</param>
/// <param name="Departement">The feature's département (13, 2A, 971).</param>
public sealed record ItemsQuery(
    int Limit,
    int Offset,
    BoundingBox? Bbox = null,
    DateTimeOffset? TimeFrom = null,
    DateTimeOffset? TimeTo = null,
    string? Code = null,
    string? Insee = null,
    string? Departement = null);

/// <summary>One page of a layer: the features matched in all, and the page's slice of them, in id order.</summary>
public sealed record ItemsPage(FeatureLayer Layer, int NumberMatched, IReadOnlyList<FeatureRecord> Features);
