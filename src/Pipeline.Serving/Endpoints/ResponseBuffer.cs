using System.Buffers;
using System.Text.Json;

namespace Pipeline.Serving.Endpoints;

/// <summary>
/// A per-thread buffer and JSON writer for /predict answers: the answer is serialised whole, so it goes out with a
/// Content-Length in one write (a body streamed before its length is known is chunked: a second write for its end),
/// and neither the writer nor the buffer is allocated per request. A buffer grown beyond a small answer is not kept.
/// </summary>
internal sealed class ResponseBuffer
{
    private const int KeptBytes = 64 * 1024;

    [ThreadStatic]
    private static ResponseBuffer? _cached;

    private ResponseBuffer()
    {
        Buffer = new ArrayBufferWriter<byte>(1024);
        Json = new Utf8JsonWriter(Buffer);
    }

    /// <summary>The bytes written so far.</summary>
    public ArrayBufferWriter<byte> Buffer { get; }

    /// <summary>The writer, writing into <see cref="Buffer"/>.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>This thread's buffer (taken: a nested use gets a new one), empty.</summary>
    public static ResponseBuffer Rent()
    {
        var buffer = _cached ?? new ResponseBuffer();
        _cached = null;
        return buffer;
    }

    /// <summary>Empties the buffer and keeps it for this thread's next answer, unless it grew large. Call before any await.</summary>
    public void Return()
    {
        if (Buffer.Capacity > KeptBytes)
        {
            return;
        }
        Buffer.ResetWrittenCount();
        Json.Reset(Buffer);
        _cached = this;
    }
}
