using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Data.Simulation;

/// <summary>Appends one record as a CSV line, with its line break.</summary>
public delegate void CsvLineWriter<T>(StringBuilder text, in T record);

/// <summary>
/// A simulator's CSV text as a <see cref="TextReader"/>, generated line by line as it is read (so a source of
/// ten million rows needs memory for one line) and hashed as UTF-8, exactly as if it had been saved to a file.
/// </summary>
public abstract class SimulatedCsv : TextReader
{
    /// <summary>Which simulator with which options, e.g. <c>simulator(rows=…, seed=…, scenario=…)</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The SHA-256 (lowercase hex) of the UTF-8 text produced so far.</summary>
    public abstract string FinishHash();
}

/// <summary>The <see cref="SimulatedCsv"/> of a stream of records and their CSV line format.</summary>
internal sealed class SimulatorCsvReader<T> : SimulatedCsv
{
    private readonly string _header;
    private readonly CsvLineWriter<T> _writeLine;
    private readonly IEnumerator<T> _records;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new(128);
    private byte[] _bytes = new byte[512];
    private char[] _pending = new char[512];
    private int _pendingLength;
    private int _pendingPosition;
    private bool _headerDone;
    private bool _done;

    public SimulatorCsvReader(string header, IEnumerable<T> records, CsvLineWriter<T> writeLine, string description)
    {
        _header = header;
        _writeLine = writeLine;
        _records = records.GetEnumerator();
        Description = description;
    }

    public override string Description { get; }

    public override string FinishHash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override int Peek() => Fill() ? _pending[_pendingPosition] : -1;

    public override int Read() => Fill() ? _pending[_pendingPosition++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && Fill())
        {
            var n = Math.Min(buffer.Length - written, _pendingLength - _pendingPosition);
            _pending.AsSpan(_pendingPosition, n).CopyTo(buffer[written..]);
            _pendingPosition += n;
            written += n;
        }
        return written;
    }

    private bool Fill()
    {
        if (_pendingPosition < _pendingLength) return true;
        if (_done) return false;
        _line.Clear();
        if (!_headerDone)
        {
            _line.Append(_header).Append('\n');
            _headerDone = true;
        }
        else if (_records.MoveNext())
            _writeLine(_line, _records.Current);
        else
        {
            _done = true;
            return false;
        }
        if (_pending.Length < _line.Length) _pending = new char[_line.Length * 2];
        _line.CopyTo(0, _pending, _line.Length);
        _pendingLength = _line.Length;
        _pendingPosition = 0;
        var byteCount = Encoding.UTF8.GetByteCount(_pending.AsSpan(0, _pendingLength));
        if (_bytes.Length < byteCount) _bytes = new byte[byteCount * 2];
        Encoding.UTF8.GetBytes(_pending.AsSpan(0, _pendingLength), _bytes);
        _hash.AppendData(_bytes.AsSpan(0, byteCount));
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _records.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
