using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Pipeline.Data.Csv;

/// <summary>
/// A streaming reader of comma-separated records (RFC 4180): quoted fields with doubled quotes and embedded
/// line breaks, CRLF, LF or CR line ends, blank lines skipped. It keeps one record in memory and knows the line
/// each record starts on, so every problem can be reported by line. Text that is not UTF-8, or contains NUL
/// characters, is rejected as binary; a record or field beyond the <see cref="CsvLimits"/> is rejected before it is
/// held whole, so memory stays bounded whatever the file.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n\"");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\n");
    private static readonly SearchValues<char> RecordStops = SearchValues.Create("\r\n\"");

    private readonly TextReader _reader;
    private readonly string _sourceName;
    private readonly CsvLimits _limits;
    private int _fieldStart;
    private char[] _buffer = new char[1 << 16];
    private int _length;
    private int _position;
    private bool _endOfInput;
    private char[] _values = new char[1024];
    private int _valuesLength;
    private int[] _starts = new int[32];
    private int[] _lengths = new int[32];
    private long _line = 1;
    private bool _fieldsInBuffer; // the current record's fields are slices of _buffer (fast path), not of _values

    public CsvRecordReader(TextReader reader, string sourceName, CsvLimits? limits = null)
    {
        _reader = reader;
        _sourceName = sourceName;
        _limits = limits ?? CsvLimits.Default;
    }

    /// <summary>
    /// A reader of a stretch of a file already decoded into <paramref name="text"/>'s first <paramref name="length"/>
    /// characters, which starts on line <paramref name="firstLine"/> (a chunk read in parallel): the records are split
    /// in that array, not copied. The caller has checked the text for NUL characters.
    /// </summary>
    internal CsvRecordReader(char[] text, int length, string sourceName, long firstLine) : this(TextReader.Null, sourceName)
    {
        _buffer = text;
        _length = length;
        _endOfInput = true;
        _line = firstLine;
    }

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The 1-based line the current record starts on.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Whether the last record read ended at the end of input without a line break.</summary>
    public bool LastRecordUnterminated { get; private set; }

    /// <summary>Field <paramref name="index"/> of the current record, unquoted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Field(int index) =>
        (_fieldsInBuffer ? _buffer : _values).AsSpan(_starts[index], _lengths[index]);

    /// <summary>Reads the next record; false at the end of input.</summary>
    /// <exception cref="DataException">An unclosed or stray quote, or binary content.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool ReadRecord()
    {
        FieldCount = 0;
        _valuesLength = 0;
        _fieldsInBuffer = false;
        while (true)
        {
            if (!EnsureData())
                return false;
            var c = _buffer[_position];
            if (c == '\n')
            {
                _position++;
                _line++;
            }
            else if (c == '\r')
            {
                _position++;
                if (EnsureData() && _buffer[_position] == '\n') _position++;
                _line++;
            }
            else break;
        }
        RecordLine = _line;
        if (TryReadUnquotedRecord()) return true;
        while (true)
        {
            var start = _valuesLength;
            _fieldStart = start;
            if (EnsureData() && _buffer[_position] == '"')
                ReadQuotedField();
            else
                ReadUnquotedField();
            AddField(start);
            if (!EnsureData())
            {
                LastRecordUnterminated = true;
                return true;
            }
            var c = _buffer[_position++];
            if (c == ',') continue;
            if (c == '\r' && EnsureData() && _buffer[_position] == '\n') _position++;
            _line++;
            LastRecordUnterminated = false;
            return true;
        }
    }

    /// <summary>
    /// The fast path: a record without quotes that lies whole in the buffer is split in place, its fields left as
    /// slices of the buffer (no copy). False, with nothing consumed, for a record the general path must read: one
    /// with a quote, or one longer than the buffer or a limit (whose error the general path words).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadUnquotedRecord()
    {
        while (true)
        {
            var span = _buffer.AsSpan(_position, _length - _position);
            var end = span.IndexOfAny(RecordStops);
            // A CR as the buffer's last character may be followed by an LF not read yet: read on first.
            if (end >= 0 && (end + 1 < span.Length || _endOfInput))
            {
                if (span[end] == '"') return false;
                var terminator = span[end] == '\r' && end + 1 < span.Length && span[end + 1] == '\n' ? 2 : 1;
                if (!SplitInPlace(span[..end])) return false;
                _position += end + terminator;
                _line++;
                LastRecordUnterminated = false;
                return true;
            }
            if (end < 0 && _endOfInput)
            {
                if (!SplitInPlace(span)) return false;
                _position = _length;
                LastRecordUnterminated = true;
                return true;
            }
            // At the end of input the loop takes the branches above; a full buffer leaves the record to the general path.
            if (!ReadMoreKeepingRecord() && !_endOfInput) return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SplitInPlace(ReadOnlySpan<char> record)
    {
        if (record.Length >= _limits.MaxRecordChars) return false;
        FieldCount = 0;
        var fieldStart = 0;
        var i = 0;
        // Commas found 16 characters at a time: a row of short fields costs a few vector compares, not a search per field.
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(record));
            var commas = Vector256.Create((ushort)',');
            for (; i <= record.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var found = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), commas).ExtractMostSignificantBits();
                for (; found != 0; found &= found - 1)
                {
                    var comma = i + BitOperations.TrailingZeroCount(found);
                    if (!AddSplitField(fieldStart, comma - fieldStart)) return false;
                    fieldStart = comma + 1;
                }
            }
        }
        for (; i < record.Length; i++)
        {
            if (record[i] != ',') continue;
            if (!AddSplitField(fieldStart, i - fieldStart)) return false;
            fieldStart = i + 1;
        }
        if (!AddSplitField(fieldStart, record.Length - fieldStart)) return false;
        _fieldsInBuffer = true;
        return true;
    }

    // A field of the record being split, at `start` characters from the record's start; false (no fields) when it is
    // longer than the limit, whose error the general path words.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool AddSplitField(int start, int length)
    {
        if (length > _limits.MaxFieldChars)
        {
            FieldCount = 0;
            return false;
        }
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }
        _starts[FieldCount] = _position + start;
        _lengths[FieldCount] = length;
        FieldCount++;
        return true;
    }

    // Moves the unread rest of the buffer to its start and fills the space after it; false when the buffer is full
    // (a record longer than it: the general path reads it piece by piece) or at the end of input.
    private bool ReadMoreKeepingRecord()
    {
        var kept = _length - _position;
        if (kept == _buffer.Length) return false;
        if (_position > 0)
        {
            Array.Copy(_buffer, _position, _buffer, 0, kept);
            _position = 0;
            _length = kept;
        }
        return Fill(kept) > 0;
    }

    private void ReadUnquotedField()
    {
        while (EnsureData())
        {
            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny(UnquotedStops);
            if (stop < 0)
            {
                Append(span);
                _position = _length;
                continue;
            }
            Append(span[..stop]);
            _position += stop;
            if (_buffer[_position] == '"')
                throw new DataException(
                    $"{_sourceName}, line {_line}, field {FieldCount + 1}: a quote (\") appears inside an unquoted field; quote the whole field and double the inner quotes (\"\").",
                    _sourceName, _line, $"field {FieldCount + 1}");
            return;
        }
    }

    private void ReadQuotedField()
    {
        var openedOn = _line;
        _position++; // the opening quote
        while (true)
        {
            if (!EnsureData())
                throw new DataException(
                    $"{_sourceName}, line {openedOn}, field {FieldCount + 1}: a quoted field is never closed (the file ends inside it); add the closing quote (\").",
                    _sourceName, openedOn, $"field {FieldCount + 1}");
            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny(QuotedStops);
            if (stop < 0)
            {
                Append(span);
                _position = _length;
                continue;
            }
            Append(span[..stop]);
            _position += stop + 1;
            if (span[stop] == '\n')
            {
                Append("\n");
                _line++;
                continue;
            }
            if (EnsureData() && _buffer[_position] == '"')
            {
                Append("\"");
                _position++;
                continue;
            }
            break;
        }
        if (EnsureData() && _buffer[_position] is not (',' or '\r' or '\n'))
            throw new DataException(
                $"{_sourceName}, line {_line}, field {FieldCount + 1}: unexpected '{_buffer[_position]}' after a closing quote; expected a comma or the end of the line.",
                _sourceName, _line, $"field {FieldCount + 1}");
    }

    private void AddField(int start)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }
        _starts[FieldCount] = start;
        _lengths[FieldCount] = _valuesLength - start;
        FieldCount++;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        // Counted before the characters are kept: a 50 MB line costs one buffer of the limit, not 50 MB.
        if (_valuesLength - _fieldStart + chars.Length > _limits.MaxFieldChars)
            throw new DataException(
                $"{_sourceName}, line {RecordLine}, field {FieldCount + 1}: the field is longer than {_limits.MaxFieldChars} characters (it starts \"{FieldPrefix(chars)}…\"); " +
                "no data cell is this long: check the file's quoting (an unclosed quote swallows the lines after it) and line endings.",
                _sourceName, RecordLine, $"field {FieldCount + 1}");
        if (_valuesLength + FieldCount + chars.Length > _limits.MaxRecordChars)
            throw new DataException(
                $"{_sourceName}, line {RecordLine}: the record is longer than {_limits.MaxRecordChars} characters (at field {FieldCount + 1}); " +
                "no data row is this long: check the file's line endings (a file with CR-only or no line breaks reads as one line) and quoting.",
                _sourceName, RecordLine, $"field {FieldCount + 1}");
        if (_valuesLength + chars.Length > _values.Length)
            Array.Resize(ref _values, Math.Max(_values.Length * 2, _valuesLength + chars.Length));
        chars.CopyTo(_values.AsSpan(_valuesLength));
        _valuesLength += chars.Length;
    }

    /// <summary>The current field's first characters, for a message: enough to recognise it, never the whole of it.</summary>
    private string FieldPrefix(ReadOnlySpan<char> next)
    {
        const int length = 64;
        var kept = _values.AsSpan(_fieldStart, Math.Min(_valuesLength - _fieldStart, length));
        return string.Concat(kept, next[..Math.Min(next.Length, length - kept.Length)]);
    }

    private bool EnsureData()
    {
        if (_position < _length) return true;
        if (_endOfInput) return false;
        _position = 0;
        _length = 0;
        return Fill(0) > 0;
    }

    // Reads text into the buffer after its first `from` characters (the unread rest, starting at _position = 0);
    // returns how many characters came, 0 at the end of input. The new text is checked for NUL characters.
    private int Fill(int from)
    {
        int read;
        try
        {
            read = _reader.Read(_buffer, from, _buffer.Length - from);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataException(
                $"{_sourceName}, near line {_line}: the file is not UTF-8 text (it looks binary or uses another encoding); expected a UTF-8 CSV file.",
                _sourceName, _line, innerException: e);
        }
        if (read <= 0)
        {
            _endOfInput = true;
            return 0;
        }
        _length = from + read;
        var nul = _buffer.AsSpan(from, read).IndexOf('\0');
        if (nul >= 0)
        {
            var line = _line + _buffer.AsSpan(_position, from + nul - _position).Count('\n');
            throw new DataException(
                $"{_sourceName}, line {line}: the file contains binary data (a NUL byte); expected a UTF-8 CSV text file.",
                _sourceName, line);
        }
        return read;
    }

    public void Dispose() => _reader.Dispose();
}
