namespace Geographie.Domain.Eligibility;

/// <summary>
/// The points of one batch, read by index from whatever the edge holds (JSON items, CSV rows, protobuf messages or
/// columns). Implemented by structs so that <see cref="EligibilityBatch"/> reads them without boxing; <see cref="Read"/>
/// is called once per point, from any thread.
/// </summary>
public interface IBatchPoints
{
    /// <summary>Point <paramref name="index"/>, parsed from the edge's fields.</summary>
    BatchPoint Read(int index);
}
