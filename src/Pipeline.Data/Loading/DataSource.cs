using System.Text;
using Pipeline.Data.Csv;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Loading;

/// <summary>
/// An opened stream of CSV text for a spec: a file (the override, or the spec's path) or the simulator. The text
/// is hashed as it is read, so <see cref="FinishHash"/> after reading to the end costs no second pass.
/// </summary>
public sealed class DataSource : IDisposable
{
    private readonly Func<string> _finishHash;

    private DataSource(TextReader reader, string name, string description, string? filePath, Func<string> finishHash)
    {
        Reader = reader;
        Name = name;
        Description = description;
        FilePath = filePath;
        _finishHash = finishHash;
    }

    /// <summary>The CSV text.</summary>
    public TextReader Reader { get; }

    /// <summary>How errors name this source: the file path, or <c>simulator</c>.</summary>
    public string Name { get; }

    /// <summary>The file path, or <c>simulator(rows=…, seed=…, scenario=…)</c>.</summary>
    public string Description { get; }

    /// <summary>The file path, or null for the simulator.</summary>
    public string? FilePath { get; }

    /// <summary>The SHA-256 (lowercase hex) of the bytes read; call once, after reading to the end.</summary>
    public string FinishHash() => _finishHash();

    /// <summary>
    /// The full path of the file <see cref="Open"/> reads: <paramref name="dataPathOverride"/> if given, else the
    /// spec's source path, relative to <paramref name="rootDirectory"/> unless absolute; null for the simulator.
    /// </summary>
    public static string? FilePathFor(DatasetSpec spec, string rootDirectory, string? dataPathOverride) =>
        (dataPathOverride ?? spec.Source?.Path) is { } path ? Path.GetFullPath(path, rootDirectory) : null;

    /// <summary>
    /// Opens <paramref name="dataPathOverride"/> if given (relative to <paramref name="rootDirectory"/> unless
    /// absolute), else the spec's source: its file, or the simulator with its options.
    /// </summary>
    /// <exception cref="DataException">The file does not exist or cannot be read.</exception>
    public static DataSource Open(DatasetSpec spec, string rootDirectory, string? dataPathOverride)
    {
        if (FilePathFor(spec, rootDirectory, dataPathOverride) is not { } full)
            return spec.Source?.Simulator is { } simulator
                ? OpenSimulator(simulator)
                : throw new DataException(
                    $"The dataset '{spec.Name}' has no source in {spec.LoadedFrom ?? "its spec"}; give --data <csv> (or add \"source\": {{\"path\": …}} to the spec).",
                    spec.LoadedFrom);
        if (Directory.Exists(full))
            throw new DataException(
                $"The data path '{full}'{(dataPathOverride is not null ? " given with --data" : $" named by the spec '{spec.Name}' (source.path)")} is a directory; expected a CSV file.",
                full);
        if (!File.Exists(full))
            throw new DataException(
                dataPathOverride is not null
                    ? $"The data file '{full}' does not exist; check the --data path."
                    : $"The data file '{full}' named by the spec '{spec.Name}' (source.path) does not exist; give another with --data.",
                full);
        Stream stream;
        try
        {
            stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Cannot read the data file '{full}': {e.Message}", full, innerException: e);
        }
        return FromStream(stream, full);
    }

    /// <summary>
    /// A file's bytes already read into memory (by a step that reads the file once and passes over it several
    /// times), named and hashed as <see cref="Open"/> would name and hash the file.
    /// </summary>
    public static DataSource FromBytes(byte[] bytes, string filePath) =>
        FromStream(new MemoryStream(bytes, writable: false), Path.GetFullPath(filePath));

    private static DataSource FromStream(Stream stream, string full)
    {
        var hashing = new HashingStream(stream);
        var reader = new StreamReader(hashing, new UTF8Encoding(false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return new DataSource(reader, full, full, full, hashing.FinishHash);
    }

    /// <summary>Opens the spec's simulator (any kind in <see cref="SimulatorCatalog"/>) as CSV text, generated as it is read.</summary>
    /// <exception cref="DataException">Unknown simulator kind or invalid scenario.</exception>
    public static DataSource OpenSimulator(SimulatorSourceSpec options)
    {
        var reader = SpecSimulation.Open(options);
        return new DataSource(reader, "simulator", reader.Description, null, reader.FinishHash);
    }

    /// <inheritdoc />
    public void Dispose() => Reader.Dispose();
}
