using System.Text;
using System.Text.Unicode;

namespace Geographie.Api.Http.Overlaps;

/// <content>The cursor the scanner reads with.</content>
internal sealed partial class FeatureScanner
{
    /// <summary>
    /// A position in the bytes read so far, and the line it is on (counted as <see cref="System.Text.Json.Utf8JsonReader"/>
    /// counts: a line feed starts a line, positions are bytes), so that the exact reader can resume from here.
    /// </summary>
    /// <remarks>
    /// Every reading method returns false when it stops, <see cref="Stop"/> saying why (<see cref="Outcome.More"/> or
    /// <see cref="Outcome.Unusual"/>); <see cref="Stop"/> stays <see cref="Outcome.Feature"/> while all is well.
    /// </remarks>
    internal ref struct Cursor
    {
        private readonly ReadOnlySpan<byte> _bytes;
        private readonly long _base;

        /// <summary>A cursor at the start of <paramref name="bytes"/>, which begin at body offset <paramref name="offset"/> on line <paramref name="line"/>.</summary>
        public Cursor(ReadOnlySpan<byte> bytes, long offset, int line, long lineStart)
        {
            _bytes = bytes;
            _base = offset;
            Line = line;
            LineStart = lineStart;
        }

        /// <summary>Index of the next byte.</summary>
        public int At;

        /// <summary>Line feeds before <see cref="At"/> since the body's start.</summary>
        public int Line;

        /// <summary>Body offset of the first byte of the current line.</summary>
        public long LineStart;

        /// <summary>Why the last reading stopped; <see cref="Outcome.Feature"/> while none has.</summary>
        public Outcome Stop;

        /// <summary>The byte at <see cref="At"/>; call after <see cref="SkipSpace"/> returned true.</summary>
        public readonly byte Current => _bytes[At];

        /// <summary>Stops as <see cref="Outcome.Unusual"/>.</summary>
        public bool Unusual()
        {
            Stop = Outcome.Unusual;
            return false;
        }

        /// <summary>Skips JSON whitespace; false at the end of the bytes.</summary>
        public bool SkipSpace()
        {
            while (At < _bytes.Length)
            {
                switch (_bytes[At])
                {
                    case (byte)' ' or (byte)'\t' or (byte)'\r':
                        At++;
                        break;
                    case (byte)'\n':
                        At++;
                        Line++;
                        LineStart = _base + At;
                        break;
                    default:
                        return true;
                }
            }

            return More();
        }

        /// <summary>Skips whitespace and takes <paramref name="c"/>.</summary>
        public bool Take(byte c)
        {
            if (!SkipSpace())
            {
                return false;
            }

            if (_bytes[At] != c)
            {
                return Unusual();
            }

            At++;
            return true;
        }

        /// <summary>After a member: true on a comma (another member follows); false on <c>}</c> (with <see cref="Stop"/> still fine) or a stop.</summary>
        public bool NextMember() => Separator((byte)'}');

        /// <summary>After an array item: true on a comma; false on <c>]</c> (with <see cref="Stop"/> still fine) or a stop.</summary>
        public bool NextItem() => Separator((byte)']');

        /// <summary>Whether the container just opened closes at once with <paramref name="close"/>.</summary>
        public bool EmptyContainer(byte close, out bool empty)
        {
            empty = false;
            if (!SkipSpace())
            {
                return false;
            }

            empty = _bytes[At] == close;
            At += empty ? 1 : 0;
            return true;
        }

        /// <summary>A member's name (no escapes) and its colon.</summary>
        public bool Key(out ReadOnlySpan<byte> name) => String(out name) && Take((byte)':');

        /// <summary>A string without escapes or control characters, in valid UTF-8; its bytes between the quotes.</summary>
        public bool String(out ReadOnlySpan<byte> value) => String(out value, escapes: false);

        /// <summary>
        /// A string without control characters, in valid UTF-8; its bytes between the quotes, escapes left as they stand
        /// (<paramref name="escapes"/>: allowed when well-formed, as in a skipped name like <c>\u00c9chalas</c>; else unusual).
        /// </summary>
        public bool String(out ReadOnlySpan<byte> value, bool escapes)
        {
            value = default;
            if (!Take((byte)'"'))
            {
                return false;
            }

            var start = At;
            var ascii = true;
            while (At < _bytes.Length)
            {
                var c = _bytes[At];
                if (c == '"')
                {
                    value = _bytes[start..At];
                    At++;
                    return ascii || Utf8.IsValid(value) || Unusual();
                }

                if (c < 0x20 || (c == '\\' && !escapes))
                {
                    return Unusual();
                }

                if (c == '\\' && !Escape())
                {
                    return false;
                }

                ascii &= c < 0x80;
                At++;
            }

            return More();
        }

        /// <summary>An id: a string's value, or a number's text (as the exact reader takes them); anything else is unusual.</summary>
        public bool Text(out string? text)
        {
            text = null;
            if (!SkipSpace())
            {
                return false;
            }

            ReadOnlySpan<byte> value;
            if (_bytes[At] == '"' ? !String(out value) : !Number(out value, exponent: true))
            {
                return false;
            }

            text = Encoding.UTF8.GetString(value);
            return true;
        }

        /// <summary>
        /// A position as most files write it, <c>[x, y]</c> with spaces at most and plain decimals of at most 15 digits
        /// followed by a byte in hand, read with the index in a register; false, <see cref="At"/> untouched, for anything
        /// else (the caller then reads it piece by piece, which decides between a position, a need for more bytes and the unusual).
        /// </summary>
        public bool PlainPosition(out double x, out double y)
        {
            x = y = 0;
            var i = At;
            if (!Expect(_bytes, ref i, (byte)'[') || !PlainNumber(_bytes, ref i, out x) || !Expect(_bytes, ref i, (byte)',')
                || !PlainNumber(_bytes, ref i, out y) || !Expect(_bytes, ref i, (byte)']'))
            {
                return false;
            }

            At = i;
            return true;
        }

        /// <summary>A coordinate: a plain decimal <see cref="PlainDecimal"/> reads; exponents and longer numbers are unusual.</summary>
        public bool Coordinate(out double value)
        {
            value = 0;
            return Number(out var text, exponent: false) && (PlainDecimal.TryRead(text, out value) || Unusual());
        }

        /// <summary>A JSON number (RFC 8259 grammar), and the byte after it in hand, so that it is known to be whole.</summary>
        public bool Number(out ReadOnlySpan<byte> text, bool exponent)
        {
            text = default;
            if (!SkipSpace())
            {
                return false;
            }

            var start = At;
            if (_bytes[At] == '-')
            {
                At++;
            }

            if (!Digits(leadingZero: false))
            {
                return false;
            }

            if (At < _bytes.Length && _bytes[At] == '.')
            {
                At++;
                if (!Digits(leadingZero: true))
                {
                    return false;
                }
            }

            if (At < _bytes.Length && (_bytes[At] | 0x20) == 'e')
            {
                if (!exponent)
                {
                    return Unusual();
                }

                At++;
                if (At < _bytes.Length && _bytes[At] is (byte)'+' or (byte)'-')
                {
                    At++;
                }

                if (!Digits(leadingZero: true))
                {
                    return false;
                }
            }

            if (At >= _bytes.Length)
            {
                return More();
            }

            text = _bytes[start..At];
            return true;
        }

        /// <summary><paramref name="literal"/> (true, false, null) and the byte after it in hand.</summary>
        public bool Literal(ReadOnlySpan<byte> literal)
        {
            var available = _bytes.Length - At;
            if (available <= literal.Length)
            {
                return literal.StartsWith(_bytes[At..]) ? More() : Unusual();
            }

            if (!_bytes.Slice(At, literal.Length).SequenceEqual(literal))
            {
                return Unusual();
            }

            At += literal.Length;
            return true;
        }

        /// <summary>Skips any JSON value, checking its grammar; nesting beyond <see cref="MaxSkipDepth"/> is unusual.</summary>
        public bool Skip(int depth)
        {
            if (!SkipSpace())
            {
                return false;
            }

            switch (_bytes[At])
            {
                case (byte)'"':
                    return String(out _, escapes: true);
                case (byte)'t':
                    return Literal("true"u8);
                case (byte)'f':
                    return Literal("false"u8);
                case (byte)'n':
                    return Literal("null"u8);
                case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                    return Number(out _, exponent: true);
                case (byte)'[' or (byte)'{' when depth >= MaxSkipDepth:
                    return Unusual();
                case (byte)'[':
                    At++;
                    if (!EmptyContainer((byte)']', out var emptyArray) || emptyArray)
                    {
                        return emptyArray;
                    }

                    while (Skip(depth + 1) && NextItem())
                    {
                    }

                    return Stop == Outcome.Feature;
                case (byte)'{':
                    At++;
                    if (!EmptyContainer((byte)'}', out var emptyObject) || emptyObject)
                    {
                        return emptyObject;
                    }

                    while (Key(out _) && Skip(depth + 1) && NextMember())
                    {
                    }

                    return Stop == Outcome.Feature;
                default:
                    return Unusual();
            }
        }

        /// <summary>
        /// A well-formed escape at <see cref="At"/>, left on its last byte: one of <c>\" \\ \/ \b \f \n \r \t</c> or
        /// <c>\u</c> and four hex digits outside the surrogates (a pair is left to the exact reader, which checks it).
        /// </summary>
        private bool Escape()
        {
            if (At + 1 >= _bytes.Length)
            {
                return More();
            }

            var kind = _bytes[At + 1];
            if (kind != 'u')
            {
                At++;
                return kind is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' || Unusual();
            }

            if (At + 5 >= _bytes.Length)
            {
                return More();
            }

            if (!ushort.TryParse(_bytes.Slice(At + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var unit)
                || char.IsSurrogate((char)unit))
            {
                return Unusual();
            }

            At += 5;
            return true;
        }

        /// <summary>Spaces, then <paramref name="c"/>, with a byte after it in hand.</summary>
        private static bool Expect(ReadOnlySpan<byte> bytes, ref int i, byte c)
        {
            while (i < bytes.Length && bytes[i] == ' ')
            {
                i++;
            }

            if (i + 1 >= bytes.Length || bytes[i] != c)
            {
                return false;
            }

            i++;
            return true;
        }

        /// <summary>
        /// Spaces, then a JSON number that is a plain decimal of at most 15 digits, and its value as
        /// <see cref="PlainDecimal"/> gives it; false for anything else (a leading zero, an exponent, the end of the bytes).
        /// </summary>
        private static bool PlainNumber(ReadOnlySpan<byte> bytes, ref int i, out double value)
        {
            value = 0;
            while (i < bytes.Length && bytes[i] == ' ')
            {
                i++;
            }

            var negative = i < bytes.Length && bytes[i] == '-';
            i += negative ? 1 : 0;
            var start = i;
            long digits = 0;
            uint digit;
            while (i < bytes.Length && (digit = (uint)(bytes[i] - '0')) <= 9)
            {
                digits = (digits * 10) + digit;
                i++;
            }

            var whole = i - start;
            if (whole == 0 || (whole > 1 && bytes[start] == '0') || i >= bytes.Length)
            {
                return false;
            }

            var decimals = 0;
            if (bytes[i] == '.')
            {
                var point = ++i;
                while (i < bytes.Length && (digit = (uint)(bytes[i] - '0')) <= 9)
                {
                    digits = (digits * 10) + digit;
                    i++;
                }

                decimals = i - point;
                if (decimals == 0 || i >= bytes.Length)
                {
                    return false;
                }
            }

            // More than 15 digits (the integer may then have wrapped, unused) or an exponent: the careful road.
            if (whole + decimals > 15 || (bytes[i] | 0x20) == 'e')
            {
                return false;
            }

            value = PlainDecimal.Value(digits, decimals, negative);
            return true;
        }

        private bool Separator(byte close)
        {
            if (!SkipSpace())
            {
                return false;
            }

            var c = _bytes[At];
            if (c == ',')
            {
                At++;
                return true;
            }

            return c == close ? Close() : Unusual();
        }

        private bool Close()
        {
            At++;
            return false;
        }

        private bool Digits(bool leadingZero)
        {
            var start = At;
            while (At < _bytes.Length && (uint)(_bytes[At] - '0') <= 9)
            {
                At++;
            }

            if (At == start)
            {
                return At >= _bytes.Length ? More() : Unusual();
            }

            // JSON forbids an integer part with a leading zero ("01").
            return leadingZero || _bytes[start] != '0' || At - start == 1 || Unusual();
        }

        private bool More()
        {
            Stop = Outcome.More;
            return false;
        }
    }
}
