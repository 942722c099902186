namespace Geographie.Features;

/// <summary>The messages of <see cref="ItemsQueryParser"/>; their texts are in <see cref="FeatureTexts"/>, placeholders listed on each.</summary>
public enum FeatureText
{
    /// <summary>{0} the name, {1} the parameters taken.</summary>
    ParameterUnknown,
    /// <summary>{0} the name.</summary>
    ParameterRepeated,
    /// <summary>{0} the name, {1} the minimum, {2} the text given.</summary>
    NotWholeNumber,
    /// <summary>{0} the name.</summary>
    Empty,
    /// <summary>{0} how many values.</summary>
    BboxCount,
    /// <summary>{0} the value.</summary>
    BboxNotNumber,
    /// <summary>No placeholder.</summary>
    BboxLongitudes,
    /// <summary>No placeholder.</summary>
    BboxLatitudes,
    /// <summary>{0} the minimum, {1} the maximum.</summary>
    BboxLatitudeOrder,
    /// <summary>{0} the text given.</summary>
    Datetime,
}
