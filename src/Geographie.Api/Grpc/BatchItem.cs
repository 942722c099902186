using Geographie.Api.Grpc.V1;

namespace Geographie.Api.Grpc;

/// <summary>
/// One <c>CheckRequest</c> of a <c>CheckBatchRequest</c> as <see cref="BatchRequestReader"/> reads it off the wire: its
/// fields without a message object. The id stays UTF-8 bytes in the request (<see cref="BatchRequests.Id"/>), since it
/// is only echoed back; the location is the oneof's case with its two coordinates.
/// </summary>
public struct BatchItem
{
    /// <summary>Where the id's UTF-8 bytes start in the request, and how many there are.</summary>
    public int IdStart, IdLength;

    /// <summary>Which of <c>wgs84</c>, <c>lambert93</c> and <c>address</c> was given last, or none.</summary>
    public CheckRequest.LocationOneofCase Location;

    /// <summary><c>wgs84.lon</c> or <c>lambert93.x</c>, as <see cref="Location"/> says (0 when the field is absent, as protobuf reads it).</summary>
    public double First;

    /// <summary><c>wgs84.lat</c> or <c>lambert93.y</c>.</summary>
    public double Second;

    /// <summary>The address of an <see cref="CheckRequest.LocationOneofCase.Address"/> location.</summary>
    public Address? Address;

    /// <summary>The <c>geography</c> field, empty when absent.</summary>
    public string Geography;

    /// <summary>The <c>date</c> field, empty when absent.</summary>
    public string Date;

    /// <summary>The optional <c>near_distance_m</c>.</summary>
    public double? NearDistanceM;

    /// <summary>The optional <c>position_uncertainty_m</c>.</summary>
    public double? PositionUncertaintyM;

    /// <summary>The <c>include_contrat</c> flag.</summary>
    public bool IncludeContrat;
}
