using System.Text.Json;

namespace Pipeline.Serving.Requests;

/// <summary>
/// A parsed /predict body: one record or a batch, each keyed by the dataset's column names. Owns the parsed
/// document and the pooled buffer it reads from (JsonDocument does not copy its input); the inference log writer
/// disposes it after logging, so records are not copied on the request path. A shadow challenger shares it: each
/// owner takes a reference (<see cref="Retain"/>) and the last <see cref="Dispose"/> frees it.
/// </summary>
public sealed class PredictionRequest : IDisposable
{
    private readonly JsonDocument _document;
    private byte[]? _buffer;
    private int _owners = 1;

    internal PredictionRequest(JsonDocument document, byte[]? pooledBuffer, bool isBatch, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records)
    {
        _document = document;
        _buffer = pooledBuffer;
        IsBatch = isBatch;
        Records = records;
    }

    /// <summary>True when the body was an array (the response is then an array too).</summary>
    public bool IsBatch { get; }

    /// <summary>
    /// True when the caller asked for explanations: <c>?explain=true</c>, or <c>"explain": true</c> in a record (the
    /// flag is taken out of the record and applies to the whole request).
    /// </summary>
    public bool Explain { get; internal set; }

    /// <summary>The records, in request order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Records { get; }

    /// <summary>
    /// The parsed body as received: the record object, or the array of them for a batch (in the order of
    /// <see cref="Records"/>). Valid until the last owner disposes the request.
    /// </summary>
    public JsonElement Body => _document.RootElement;

    /// <summary>Adds an owner (e.g. the shadow scorer): the request is freed when every owner has disposed it.</summary>
    public void Retain() => Interlocked.Increment(ref _owners);

    /// <summary>Releases one owner's reference; the last one frees the document and returns the pooled buffer.</summary>
    public void Dispose()
    {
        if (Interlocked.Decrement(ref _owners) > 0)
        {
            return;
        }
        _document.Dispose();
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            RequestBufferPool.Return(buffer);
        }
    }
}
