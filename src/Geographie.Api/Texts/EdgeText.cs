namespace Geographie.Api.Texts;

/// <summary>
/// The messages of the REST and gRPC edges (problem titles and details, gRPC statuses). Their texts are in
/// <see cref="EdgeTexts"/>; placeholders are listed on each.
/// </summary>
public enum EdgeText
{
    /// <summary>Title.</summary>
    EligibilityInvalidTitle,
    /// <summary>Title.</summary>
    BatchInvalidTitle,
    /// <summary>Title.</summary>
    RequestInvalidTitle,
    /// <summary>Title.</summary>
    UnsupportedMediaTypeTitle,
    /// <summary>Title.</summary>
    BodyTooLargeTitle,
    /// <summary>Title.</summary>
    NotLoadedTitle,
    /// <summary>Title.</summary>
    QuartierUnknownTitle,
    /// <summary>No placeholder.</summary>
    NotLoaded,
    /// <summary>No placeholder.</summary>
    NoContentType,
    /// <summary>{0} the Content-Type.</summary>
    ContentTypeUnsupported,
    /// <summary>{0} the limit in bytes, {1} the media type.</summary>
    BodyTooLarge,
    /// <summary>{0} the format given, {1} the formats known.</summary>
    FormatUnknown,
    /// <summary>{0} the charset given.</summary>
    CharsetUnknown,
    /// <summary>No placeholder.</summary>
    FormNoBoundary,
    /// <summary>{0} why.</summary>
    FormUnreadable,
    /// <summary>{0} the field's name.</summary>
    FormNoFile,
    /// <summary>{0} why.</summary>
    CsvHeaderUnreadable,
    /// <summary>No placeholder.</summary>
    CsvNoLocationColumns,
    /// <summary>{0} the column named by columns=, postcode= or citycode=.</summary>
    CsvAddressColumnMissing,
    /// <summary>{0} why, {1} rows answered.</summary>
    CsvCut,
    /// <summary>{0} line, {1} why.</summary>
    CsvRowBroken,
    /// <summary>{0} fields, {1} header fields, {2} line.</summary>
    CsvRowWidth,
    /// <summary>{0} why.</summary>
    SummaryPartial,
    /// <summary>{0} the limit.</summary>
    BatchTooMany,
    /// <summary>{0} line, {1} byte, {2} JSON path.</summary>
    JsonMalformed,
    /// <summary>No placeholder.</summary>
    BatchEmpty,
    /// <summary>{0} index, {1} what it is (a kind).</summary>
    ItemNotObject,
    /// <summary>{0} index, {1} the name, {2} the fields known.</summary>
    ItemUnknownField,
    /// <summary>{0} index, {1} field, {2} what is expected (an expectation), {3} what it is (a kind).</summary>
    ItemWrongType,
    /// <summary>A kind of JSON value.</summary>
    KindObject,
    /// <summary>A kind of JSON value.</summary>
    KindArray,
    /// <summary>A kind of JSON value.</summary>
    KindString,
    /// <summary>A kind of JSON value.</summary>
    KindNumber,
    /// <summary>A kind of JSON value.</summary>
    KindBoolean,
    /// <summary>A kind of JSON value.</summary>
    KindNull,
    /// <summary>An expectation.</summary>
    ExpectStringOrNumber,
    /// <summary>An expectation.</summary>
    ExpectNumber,
    /// <summary>An expectation.</summary>
    ExpectString,
    /// <summary>{0} code, {1} geography.</summary>
    QuartierUnknown,
    /// <summary>{0} the limit given, {1} the maximum.</summary>
    LimitInvalid,
    /// <summary>{0} the value given.</summary>
    IncludeUnknown,
    /// <summary>No placeholder.</summary>
    AddressAndLocation,
    /// <summary>{0} the postcode a failed address search was narrowed to (a fragment starting with a space).</summary>
    AddressNarrowedToPostcode,
    /// <summary>{0} the INSEE code a failed address search was narrowed to (a fragment starting with a space).</summary>
    AddressNarrowedToCommune,
    /// <summary>{0} the value given.</summary>
    IncludeContratUnknown,
    /// <summary>No placeholder.</summary>
    GrpcBatchEmpty,
    /// <summary>{0} points, {1} the limit.</summary>
    GrpcBatchTooLarge,
    /// <summary>{0} why.</summary>
    GrpcStreamUnreadable,
    /// <summary>Title for a 400 without its own.</summary>
    TitleBadRequest,
    /// <summary>Title for a 404 without its own.</summary>
    TitleNotFound,
    /// <summary>Title.</summary>
    TitleMethodNotAllowed,
    /// <summary>Title.</summary>
    TitleGone,
    /// <summary>Title.</summary>
    TitleTooManyRequests,
    /// <summary>Title.</summary>
    TitleServerError,
    /// <summary>Title.</summary>
    TitleUnavailable,
    /// <summary>Title.</summary>
    TitleUriTooLong,
    /// <summary>Title.</summary>
    TitleHeadersTooLarge,
    /// <summary>{0} the path.</summary>
    RouteNotFound,
    /// <summary>{0} the method, {1} the path, {2} the methods allowed.</summary>
    MethodNotAllowed,
    /// <summary>{0} the Content-Type, {1} the path, {2} the types accepted.</summary>
    MediaTypeNotAccepted,
    /// <summary>The types accepted when the route is not found again.</summary>
    MediaTypeAsDocumented,
    /// <summary>Between alternatives.</summary>
    Or,
    /// <summary>{0} the path.</summary>
    RequestUnreadable,
    /// <summary>{0} the types accepted.</summary>
    ContentTypeMissing,
    /// <summary>No placeholder.</summary>
    ServiceFailed,
    /// <summary>{0} the status, as the server reads the request.</summary>
    RequestCut,
    /// <summary>{0} seconds to wait.</summary>
    TooManyRequests,
    /// <summary>{0} length, {1} limit.</summary>
    TargetTooLong,
    /// <summary>{0} bytes, {1} limit.</summary>
    HeadersTooLarge,
    /// <summary>Title.</summary>
    WrongPortTitle,
    /// <summary>{0} the gRPC port.</summary>
    WrongPortRest,
    /// <summary>{0} the REST port.</summary>
    WrongPortGrpc,
    /// <summary>Title.</summary>
    ProjetUnknownTitle,
    /// <summary>{0} the id.</summary>
    ProjetUnknown,
    /// <summary>{0} the code.</summary>
    Quartier2024Unknown,
    /// <summary>{0} the value.</summary>
    CommuneUnknown,
    /// <summary>{0} the value.</summary>
    CommuneOutlineUnknown,
    /// <summary>No placeholder.</summary>
    CommuneRequired,
    /// <summary>{0} the format, {1} those known.</summary>
    OverlapFormatUnknown,
    /// <summary>{0} the limit in bytes.</summary>
    OverlapBodyTooLarge,
    /// <summary>{0} zones, {1} the limit.</summary>
    OverlapTooManyZones,
    /// <summary>Title.</summary>
    TileAddressTitle,
    /// <summary>Title.</summary>
    TileFilterTitle,
    /// <summary>{0} z, {1} x, {2} y.</summary>
    TileNotIntegers,
    /// <summary>{0} z, {1} x, {2} y, {3} the highest zoom.</summary>
    TileOutOfRange,
    /// <summary>No placeholder.</summary>
    OgcItemsFormat,
    /// <summary>No placeholder.</summary>
    OgcFormatJson,
    /// <summary>No placeholder.</summary>
    OgcFormatJsonOrGeoJson,
    /// <summary>{0} the name.</summary>
    OgcParameterUnknown,
    /// <summary>No placeholder.</summary>
    OgcRevisionInvalid,
    /// <summary>Title.</summary>
    OgcRevisionGoneTitle,
    /// <summary>{0} the revision asked, {1} the current one.</summary>
    OgcRevisionGone,
    /// <summary>Title.</summary>
    OgcFeatureUnknownTitle,
    /// <summary>{0} the feature id, {1} the collection.</summary>
    OgcFeatureUnknown,
    /// <summary>Title.</summary>
    OgcCollectionUnknownTitle,
    /// <summary>{0} the id, {1} the collections.</summary>
    OgcCollectionUnknown,
    /// <summary>{0} the zones in the body.</summary>
    EvolutionOneZone,
    /// <summary>{0} the limit.</summary>
    CsvHeaderTooLong,
    /// <summary>No placeholder.</summary>
    CsvHeaderQuoteOpen,
    /// <summary>No placeholder.</summary>
    CsvQuoteOpenAtEnd,
    /// <summary>{0} the limit.</summary>
    CsvQuoteOpenBeyondRow,
    /// <summary>{0} the limit.</summary>
    CsvLineTooLong,
    /// <summary>{0} the limit.</summary>
    CsvQuotedFieldTooLong,
    /// <summary>{0} the limit.</summary>
    CsvFieldTooLong,
    /// <summary>{0} the status.</summary>
    BodyUnreadable,
    /// <summary>No placeholder.</summary>
    ConnectionFailed,
    /// <summary>{0} UNKNOWN answers, {1} the geography loaded where they fell.</summary>
    SummaryLoadedHere,
    /// <summary>No placeholder.</summary>
    ZoneBodyCut,
    /// <summary>{0} the JSON reader's fault.</summary>
    ZoneBodyNotJson,
    /// <summary>No placeholder.</summary>
    ZoneNotGeoJson,
    /// <summary>No placeholder.</summary>
    ZoneCollectionEmpty,
    /// <summary>No placeholder.</summary>
    ZoneCrsLate,
    /// <summary>{0} the crs given.</summary>
    ZoneCrsUnsupported,
    /// <summary>No placeholder.</summary>
    ZoneNotFeature,
    /// <summary>{0} the reader's fault.</summary>
    ZoneUnreadable,
    /// <summary>No placeholder.</summary>
    ZoneNoCoordinates,
    /// <summary>{0} the feature's position, {1} its id, {2} the fault.</summary>
    ZoneFeatureFault,
    /// <summary>No placeholder.</summary>
    ZoneProjectedHint,
}
