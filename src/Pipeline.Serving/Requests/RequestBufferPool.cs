using System.Buffers;

namespace Pipeline.Serving.Requests;

/// <summary>
/// Buffers for request bodies. Small ones come from the shared pool (fast, per-thread caches); large ones from a
/// bounded pool without per-thread caches, because the shared pool keeps one cached array per size per thread,
/// so megabyte bodies handled on many thread-pool threads would each leave a megabyte behind (RSS grew by
/// ~25 MB over 30 passes of the malformed corpus).
/// </summary>
internal static class RequestBufferPool
{
    private const int SmallBytes = 64 * 1024;

    // A handful of large buffers per size suffices: large bodies in flight at once are few.
    private static readonly ArrayPool<byte> Large = ArrayPool<byte>.Create(maxArrayLength: 1 << 30, maxArraysPerBucket: 4);

    /// <summary>A buffer of at least <paramref name="length"/> bytes.</summary>
    public static byte[] Rent(int length) => length <= SmallBytes ? ArrayPool<byte>.Shared.Rent(length) : Large.Rent(length);

    /// <summary>Gives back a buffer from <see cref="Rent"/> to the pool it came from (told apart by its length).</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= SmallBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        else
        {
            Large.Return(buffer);
        }
    }
}
