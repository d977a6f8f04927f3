namespace Pipeline.Data.Validation;

/// <summary>
/// When the validation pass runs in parallel over chunks of a file, and how big the chunks are. The result is the
/// same either way; tests use tiny chunks to compare the two passes on small files.
/// </summary>
/// <param name="MinimumFileBytes">Files smaller than this are read sequentially (a chunk costs some set-up).</param>
/// <param name="ChunkBytes">The bytes read per chunk (whole lines: a chunk ends at the last line break it holds).</param>
/// <param name="Workers">Chunks parsed at once; 1 reads sequentially.</param>
internal sealed record ParallelPass(long MinimumFileBytes, int ChunkBytes, int Workers)
{
    /// <summary>Chunks of 2 MiB for files of 8 MiB or more, one worker per core.</summary>
    public static ParallelPass Default { get; } = new(8L << 20, 2 << 20, Environment.ProcessorCount);

    /// <summary>Always sequential.</summary>
    public static ParallelPass Off { get; } = new(long.MaxValue, 2 << 20, 1);
}
