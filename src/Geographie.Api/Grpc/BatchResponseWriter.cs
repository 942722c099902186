using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Geographie.Api.Addresses;
using Geographie.Api.Grpc.V1;
using Geographie.Domain.Eligibility;
using Google.Protobuf;
using DomainQuartier = Geographie.Domain.Quartiers.Quartier;

namespace Geographie.Api.Grpc;

/// <summary>
/// Encodes <see cref="BatchAnswers"/> as the <c>CheckBatchResponse</c> (proto v1) whose bytes Google.Protobuf's
/// generated serializer gives for the messages <see cref="GrpcMapping.ToProto(EligibilityResult, string, Domain.Contrat.ContratDeVille?, bool)"/>
/// builds from the same answers: fields in number order, proto3 defaults left out, <c>distance_m</c> written whenever
/// it is set. Written straight into the output buffer without a message per answer: the sizes are computed first (a
/// nested message is preceded by its length), then the bytes. Texts come from the snapshot (reasons, codes, names), so
/// each is encoded to UTF-8 once per call; a quartier's message is encoded once per quartier by the generated
/// serializer. One writer per call; not thread-safe.
/// </summary>
public sealed class BatchResponseWriter
{
    // A quartier's encoded message (full or lean), shared by every call: keyed by the immutable domain object, so a
    // new snapshot's quartiers get new bytes and old ones are collected with their snapshot.
    private static readonly ConditionalWeakTable<DomainQuartier, byte[]> QuartierBytes = new();
    private static readonly ConditionalWeakTable<DomainQuartier, byte[]> LeanQuartierBytes = new();

    private readonly BatchAnswers _answers;
    private readonly Dictionary<string, byte[]> _texts = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<DomainQuartier, byte[]> _contrat = new(ReferenceEqualityComparer.Instance);
    private readonly byte[]?[]? _addresses;

    private BatchResponseWriter(BatchAnswers answers)
    {
        _answers = answers;
        var located = answers.Located;
        for (var i = 0; i < located.Length; i++)
        {
            // Field 13, last of a CheckResponse: encoded by the generated serializer, for the few answers that have one.
            if (AddressStep.Matched(located[i]) is { } matched)
            {
                _addresses ??= new byte[]?[located.Length];
                _addresses[i] = new CheckResponse { Address = matched.ToProto() }.ToByteArray();
            }
        }
    }

    /// <summary>
    /// Writes the <c>CheckBatchResponse</c> of <paramref name="answers"/> into the buffer <paramref name="output"/>
    /// gives for its length (gRPC writes the frame header first); disposes the answers.
    /// </summary>
    public static void Write(BatchAnswers answers, Func<int, IBufferWriter<byte>> output)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(output);
        using (answers)
        {
            var writer = new BatchResponseWriter(answers);
            var count = answers.Requests.Count;
            var sizes = ArrayPool<int>.Shared.Rent(count);
            try
            {
                long total = 0;
                for (var i = 0; i < count; i++)
                {
                    sizes[i] = writer.Size(i);
                    total += 1 + VarintSize((uint)sizes[i]) + sizes[i];
                }
                var buffer = output(checked((int)total));
                var span = Span<byte>.Empty;
                var at = 0;
                for (var i = 0; i < count; i++)
                {
                    var need = 1 + VarintSize((uint)sizes[i]) + sizes[i];
                    if (span.Length - at < need)
                    {
                        buffer.Advance(at);
                        span = buffer.GetSpan(need);
                        at = 0;
                    }
                    span[at++] = 0x0A;
                    at = Varint(span, at, (uint)sizes[i]);
                    var end = writer.WriteAnswer(span, at, i);
                    Debug.Assert(end - at == sizes[i], "the answer's size was computed as it is written");
                    at = end;
                }
                buffer.Advance(at);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(sizes);
            }
        }
    }

    // The size of answer i's CheckResponse, fields in the order WriteAnswer writes them.
    private int Size(int i)
    {
        ref readonly var result = ref _answers.Results[i];
        var lean = Lean(result);
        var size = StringSize(_answers.Requests.Id(i).Length);
        size += result.Status == 0 ? 0 : 1 + VarintSize((uint)result.Status);
        size += lean ? 0 : StringSize(ReasonLength(result));
        size += StringSize(Text(result.Geography?.Code));
        size += result.Quartier is { } quartier ? MessageSize(Quartier(quartier, lean).Length) : 0;
        size += result.DistanceM.HasValue ? 9 : 0;
        size += StringSize(Text(NearestCode(result)));
        size += Contrat(i, result, lean)?.Length ?? 0;
        size += result.NearestLoaded is { } loaded ? MessageSize(NearestLoadedSize(loaded, result.NearestLoadedM!.Value)) : 0;
        if (result.LoadedHere is { Count: > 0 } loadedHere)
        {
            foreach (var version in loadedHere)
            {
                size += MessageSize(Text(version.Code).Length);
            }
            size += lean ? 0 : StringSize(Text(result.Hint));
        }
        size += _addresses?[i]?.Length ?? 0;
        return size;
    }

    // Answer i's CheckResponse at span[at..]; returns the end.
    private int WriteAnswer(Span<byte> span, int at, int i)
    {
        ref readonly var result = ref _answers.Results[i];
        var lean = Lean(result);
        at = String(span, at, 0x0A, _answers.Requests.Id(i));
        if (result.Status != 0)
        {
            span[at++] = 0x10;
            at = Varint(span, at, (uint)result.Status);
        }
        if (!lean)
        {
            at = String(span, at, 0x1A, Reason(result));
        }
        at = String(span, at, 0x22, Text(result.Geography?.Code));
        if (result.Quartier is { } quartier)
        {
            at = Message(span, at, 0x2A, Quartier(quartier, lean));
        }
        if (result.DistanceM is { } distance)
        {
            at = Double(span, at, 0x31, distance);
        }
        at = String(span, at, 0x3A, Text(NearestCode(result)));
        at = Raw(span, at, Contrat(i, result, lean));
        if (result.NearestLoaded is { } loaded)
        {
            var distanceM = result.NearestLoadedM!.Value;
            span[at++] = 0x52;
            at = Varint(span, at, (uint)NearestLoadedSize(loaded, distanceM));
            at = String(span, at, 0x0A, Text(loaded.Code));
            at = String(span, at, 0x12, Text(loaded.Name));
            // A plain (not optional) double: left out when it is 0, as the generated code's `!= 0D` leaves it.
            at = distanceM != 0D ? Double(span, at, 0x19, distanceM) : at;
            at = String(span, at, 0x22, Text(loaded.Version));
        }
        if (result.LoadedHere is { Count: > 0 } loadedHere)
        {
            foreach (var version in loadedHere)
            {
                // Repeated strings are written even when empty.
                at = Message(span, at, 0x5A, Text(version.Code));
            }
            at = lean ? at : String(span, at, 0x62, Text(result.Hint));
        }
        return Raw(span, at, _addresses?[i]);
    }

    private bool Lean(in EligibilityResult result) =>
        // An INVALID answer keeps its reason even in lean mode: it is the only way to know what was wrong.
        _answers.Requests.Lean && result.Status != EligibilityStatus.Invalid;

    private static string? NearestCode(in EligibilityResult result) => result.Quartier is null ? result.Nearest?.Code : null;

    private int NearestLoadedSize(DomainQuartier loaded, double distanceM) =>
        StringSize(Text(loaded.Code)) + StringSize(Text(loaded.Name)) + (distanceM != 0D ? 9 : 0) + StringSize(Text(loaded.Version));

    // An INVALID reason is the point's own text (encoded twice, sized then written); the others are the snapshot's.
    private int ReasonLength(in EligibilityResult result) =>
        result.Status == EligibilityStatus.Invalid ? Encoding.UTF8.GetByteCount(result.Reason ?? string.Empty) : Text(result.Reason).Length;

    private ReadOnlySpan<byte> Reason(in EligibilityResult result) =>
        result.Status == EligibilityStatus.Invalid ? Encoding.UTF8.GetBytes(result.Reason ?? string.Empty) : Text(result.Reason);

    private byte[] Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        if (!_texts.TryGetValue(text, out var bytes))
        {
            bytes = Encoding.UTF8.GetBytes(text);
            _texts.Add(text, bytes);
        }
        return bytes;
    }

    private static byte[] Quartier(DomainQuartier quartier, bool lean) =>
        lean
            ? LeanQuartierBytes.GetValue(quartier, q => GrpcMapping.ToProto(q, lean: true).ToByteArray())
            : QuartierBytes.GetValue(quartier, q => GrpcMapping.ToProto(q, lean: false).ToByteArray());

    // Fields 8 and 9 (défis and projets) of an INSIDE answer with include_contrat, encoded once per quartier by the generated serializer.
    private byte[]? Contrat(int i, in EligibilityResult result, bool lean)
    {
        if (lean || result.Quartier is not { } quartier || !_answers.Requests[i].IncludeContrat)
        {
            return null;
        }
        if (!_contrat.TryGetValue(quartier, out var bytes))
        {
            var items = new CheckResponse();
            GrpcMapping.AddContrat(items, _answers.Snapshot.Contrat, quartier);
            bytes = items.ToByteArray();
            _contrat.Add(quartier, bytes);
        }
        return bytes;
    }

    private static int StringSize(int length) => length == 0 ? 0 : MessageSize(length);

    private static int StringSize(byte[] bytes) => StringSize(bytes.Length);

    private static int MessageSize(int length) => 1 + VarintSize((uint)length) + length;

    private static int VarintSize(uint value) => (BitOperations.Log2(value | 1) / 7) + 1;

    private static int Varint(Span<byte> span, int at, uint value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[at++] = (byte)value;
        return at;
    }

    // A string or bytes field, left out when empty as proto3 leaves out defaults.
    private static int String(Span<byte> span, int at, byte tag, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return at;
        }
        span[at++] = tag;
        at = Varint(span, at, (uint)value.Length);
        value.CopyTo(span[at..]);
        return at + value.Length;
    }

    // A message field, or an element of a repeated field: written whenever it is there, even empty.
    private static int Message(Span<byte> span, int at, byte tag, ReadOnlySpan<byte> value)
    {
        span[at++] = tag;
        at = Varint(span, at, (uint)value.Length);
        value.CopyTo(span[at..]);
        return at + value.Length;
    }

    private static int Double(Span<byte> span, int at, byte tag, double value)
    {
        span[at++] = tag;
        BinaryPrimitives.WriteDoubleLittleEndian(span[at..], value);
        return at + 8;
    }

    private static int Raw(Span<byte> span, int at, byte[]? encoded)
    {
        if (encoded is null)
        {
            return at;
        }
        encoded.CopyTo(span[at..]);
        return at + encoded.Length;
    }
}
