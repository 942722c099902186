namespace Geographie.Features;

/// <summary>The JSON type of a feature property, as published in the collection's schema.</summary>
public enum PropertyType
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A floating-point number.</summary>
    Number,
}

/// <summary>One property every feature of a layer carries (possibly null), in the order features write them.</summary>
/// <param name="Name">The property name on the wire (GeoJSON property, CSV column).</param>
/// <param name="Type">Its JSON type.</param>
/// <param name="Description">What it holds, for the collection's documentation.</param>
public sealed record FeatureProperty(string Name, PropertyType Type, string Description);
