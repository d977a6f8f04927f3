using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Validation;

/// <summary>
/// The validation pass over a file in parallel: the calling thread reads the bytes in chunks of whole lines (hashing
/// them as it goes), the thread pool parses and checks each chunk (column by column, <see cref="ColumnarChunk"/>; a
/// chunk with something to report row by row, <see cref="DataProfiler.ReadRows"/> on a chunk of its own), and the
/// calling thread merges the chunks in file order — counts added, the mean and variance, the leakage screen and the
/// duplicate-id check replayed row by row, anomalies merged by position — so the profile is the one
/// a sequential pass gives. Only plain files take this path: anything the sequential reader has to judge (quotes, a
/// byte-order mark, NUL, a CR that does not end a line, text that is not UTF-8, a header it rejects) sends the whole
/// pass back to it, which then reads the source from the start and words the problem.
/// </summary>
internal static class ParallelProfiler
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>The profile, or null when the file is for the sequential pass (the source is then still unread).</summary>
    public static DataProfile? TryProfile(DatasetSpec spec, DataSource source, DataSchema? schema, ParallelPass pass)
    {
        if (pass.Workers < 2 || source.FilePath is not { } path) return null;
        try
        {
            if (new FileInfo(path).Length < pass.MinimumFileBytes) return null;
            return Profile(spec, source, schema, pass, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the sequential pass opens the same file and says what is wrong
        }
    }

    private static DataProfile? Profile(DatasetSpec spec, DataSource source, DataSchema? schema, ParallelPass pass, string path)
    {
        var profile = DataProfiler.NewProfile(spec, source.Description, source.Name, schema);
        var screen = profile.Screen = new LeakageScreen(spec);
        var ids = new SeenIds();
        var pending = new Queue<Task<Chunk?>>();
        var spareRows = new Stack<ChunkRows>(); // merged chunks' arrays, for the next chunks
        var buffers = new PassBuffers();
        var columnar = new ColumnarChunk(spec, schema, buffers);
        long rowsRead = 0;
        var fallBack = false;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        SpecTableReader? header = null;
        var carry = Array.Empty<byte>();
        var carried = 0;
        long line = 1; // the line the next chunk starts on
        try
        {
            while (!fallBack)
            {
                // A chunk: what the last one left after its last line break, then fresh bytes.
                var buffer = buffers.Bytes.Rent(Math.Max(pass.ChunkBytes, carried * 2));
                carry.AsSpan(0, carried).CopyTo(buffer);
                if (carried > 0) buffers.Bytes.Return(carry);
                var length = carried;
                (carry, carried) = ([], 0);
                while (length < buffer.Length && file.Read(buffer, length, buffer.Length - length) is var read and > 0)
                {
                    hash.AppendData(buffer, length, read);
                    length += read;
                }
                var endOfFile = length < buffer.Length;
                if (length == 0)
                {
                    buffers.Bytes.Return(buffer);
                    break;
                }
                var end = endOfFile ? length : buffer.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
                if (end == 0)
                {
                    // No line break in a whole buffer: read on with a bigger one (the sequential reader's limits
                    // stop a line of megabytes; here a line longer than the buffer means a double one next time).
                    if (length >= CsvLimitsBytes) { fallBack = true; buffers.Bytes.Return(buffer); break; }
                    (carry, carried) = (buffer, length);
                    continue;
                }
                var start = 0;
                if (header is null)
                {
                    header = ReadHeader(spec, source, buffer.AsSpan(0, end), out start);
                    if (header is null) { fallBack = true; buffers.Bytes.Return(buffer); break; }
                    profile.ExtraColumns = header.ExtraColumns;
                    line = 2;
                }
                if (!Plain(buffer.AsSpan(start, end - start))) { fallBack = true; buffers.Bytes.Return(buffer); break; }
                var firstLine = line;
                var lines = buffer.AsSpan(start, end - start).Count((byte)'\n');
                line += lines;
                var rows = spareRows.TryPop(out var spare) ? spare : new ChunkRows(spec);
                rows.Reset(lines + 1); // a row per line at most (the last may lack its line break)
                var (chunkBuffer, chunkStart, chunkEnd, chunkHeader) = (buffer, start, end, header);
                pending.Enqueue(Task.Run(() => Read(chunkHeader, schema, chunkBuffer, chunkStart, chunkEnd, lines, firstLine, rows, columnar, buffers)));
                // The rest after the last line break starts the next chunk; the buffer itself belongs to the task.
                carried = length - end;
                carry = carried > 0 ? buffers.Bytes.Rent(carried) : [];
                buffer.AsSpan(end, carried).CopyTo(carry);
                while (pending.Count >= pass.Workers + 1 && !fallBack)
                    fallBack = !Merge(pending.Dequeue().Result, profile, screen, ids, ref rowsRead, spareRows);
            }
            while (pending.Count > 0 && !fallBack)
                fallBack = !Merge(pending.Dequeue().Result, profile, screen, ids, ref rowsRead, spareRows);
        }
        finally
        {
            // Chunks still being read are waited for (their buffers go back to the pool); their results are dropped.
            foreach (var task in pending) task.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            if (carried > 0) buffers.Bytes.Return(carry);
            header?.Dispose();
        }
        if (fallBack || rowsRead == 0) return null; // no data rows: the sequential pass words it
        profile.ContentHash = Convert.ToHexStringLower(hash.GetHashAndReset());
        return profile;
    }

    // The longest line the chunks grow to before the pass goes back to the sequential reader (which then stops at
    // its record limit): 4 bytes per character of the reader's longest record.
    private const long CsvLimitsBytes = 4L * Csv.CsvLimits.DefaultMaxRecordChars;

    /// <summary>The header, read from the first line; null when the sequential reader must judge the file's start.</summary>
    private static SpecTableReader? ReadHeader(DatasetSpec spec, DataSource source, ReadOnlySpan<byte> bytes, out int next)
    {
        next = bytes.IndexOf((byte)'\n') + 1;
        // A byte-order mark, a blank first line or a quoted header are the sequential reader's.
        if (next <= 1 || bytes[0] is (byte)'\r' or 0xEF or 0xFE or 0xFF || !Plain(bytes[..next])) return null;
        try
        {
            return new SpecTableReader(spec, new StringReader(StrictUtf8.GetString(bytes[..next])), source.Name);
        }
        catch (Exception e) when (e is DataException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Whether a chunk is plain for the parallel pass: no quote, no NUL, every CR followed by a LF.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Plain(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOfAny((byte)'"', (byte)0) >= 0) return false;
        while (bytes.IndexOf((byte)'\r') is var cr and >= 0)
        {
            if (cr + 1 >= bytes.Length || bytes[cr + 1] != '\n') return false;
            bytes = bytes[(cr + 2)..];
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Chunk? Read(SpecTableReader header, DataSchema? schema, byte[] buffer, int start, int end, int lines, long firstLine,
        ChunkRows rows, ColumnarChunk columnar, PassBuffers buffers)
    {
        var text = buffers.Chars.Rent(end - start); // UTF-8 never has fewer bytes than UTF-16 code units
        try
        {
            var length = StrictUtf8.GetChars(buffer, start, end - start, text, 0);
            using var table = new SpecTableReader(header, text, length, firstLine);
            if (columnar.WorthTrying())
            {
                var clean = DataProfiler.NewProfile(header.Spec, header.SourceName, header.SourceName, schema, deferMoments: true);
                if (columnar.TryRead(table, text.AsSpan(0, length), lines, firstLine, clean, rows, out var rowsRead))
                    return new Chunk(clean, rows, rowsRead, Columnar: true);
                rows.Reset(lines + 1); // something to report: the chunk is read again, row by row
            }
            var part = DataProfiler.NewProfile(header.Spec, header.SourceName, header.SourceName, schema, deferMoments: true);
            DataProfiler.ReadRows(table, part, schema, collector: null, screen: null, rows);
            return new Chunk(part, rows, table.RowsRead, Columnar: false);
        }
        catch (Exception e) when (e is DataException or DecoderFallbackException)
        {
            return null; // the sequential pass reads the file again and words the problem
        }
        finally
        {
            buffers.Chars.Return(text);
            buffers.Bytes.Return(buffer);
        }
    }

    // Adds a chunk to the profile in file order; false when the chunk could not be read in parallel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Merge(Chunk? chunk, DataProfile profile, LeakageScreen screen, SeenIds ids, ref long rowsRead, Stack<ChunkRows> spareRows)
    {
        if (chunk is null) return false;
        var part = chunk.Profile;
        rowsRead += chunk.RowsRead;
        profile.Chunks++;
        if (chunk.Columnar) profile.ColumnarChunks++;
        profile.Rows += part.Rows;
        profile.Positives += part.Positives;
        profile.Negatives += part.Negatives;
        for (var c = 0; c < profile.Columns.Length; c++) profile.Columns[c].MergeCounts(part.Columns[c]);
        profile.LabelValues.Merge(part.LabelValues);
        var duplicates = new AnomalyCollector();
        chunk.Rows.Replay(profile, screen, ids, duplicates);
        profile.Anomalies.Merge(part.Anomalies, duplicates);
        spareRows.Push(chunk.Rows);
        return true;
    }

    private sealed record Chunk(DataProfile Profile, ChunkRows Rows, long RowsRead, bool Columnar);
}
