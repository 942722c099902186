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
    /// <summary>{0} the value given.</summary>
    IncludeContratUnknown,
    /// <summary>No placeholder.</summary>
    GrpcBatchEmpty,
    /// <summary>{0} points, {1} the limit.</summary>
    GrpcBatchTooLarge,
    /// <summary>{0} why.</summary>
    GrpcStreamUnreadable,
}
