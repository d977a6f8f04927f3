using System.Buffers;

namespace Pipeline.Data.Validation;

/// <summary>
/// The array pools of one parallel validation pass, dropped with it. The shared pools keep an array per size on every
/// thread that returned one: the chunks' buffers, rented by the reading thread and returned by the workers, piled up
/// there (about 70 MB on 10 M rows) and stayed after the pass. These pools share their arrays between threads, so a
/// pass holds about the buffers of the chunks it has in flight.
/// </summary>
internal sealed class PassBuffers
{
    // Up to 16 arrays per size: a few chunks in flight, each with a handful of buffers, and lines longer than a chunk.
    private const int ArraysPerSize = 16;
    private const int LargestArray = 1 << 30;

    /// <summary>The chunks' bytes as read.</summary>
    public ArrayPool<byte> Bytes { get; } = ArrayPool<byte>.Create(LargestArray, ArraysPerSize);

    /// <summary>The chunks' text, decoded.</summary>
    public ArrayPool<char> Chars { get; } = ArrayPool<char>.Create(LargestArray, ArraysPerSize);

    /// <summary>Field ends, row starts and counts of a chunk read column by column.</summary>
    public ArrayPool<int> Ints { get; } = ArrayPool<int>.Create(LargestArray, ArraysPerSize);

    /// <summary>A chunk's derived features and the steps of their evaluation.</summary>
    public ArrayPool<double> Doubles { get; } = ArrayPool<double>.Create(LargestArray, ArraysPerSize);

    /// <summary>A chunk's labels.</summary>
    public ArrayPool<sbyte> Labels { get; } = ArrayPool<sbyte>.Create(LargestArray, ArraysPerSize);
}
