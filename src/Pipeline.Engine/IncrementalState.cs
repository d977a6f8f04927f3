using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Engine;

/// <summary>
/// Remembers, per target, the content hashes of its inputs (files and values) and outputs at its last successful
/// runs, in one file per target under <c>.nuke/state/</c> (delete the folder to forget everything). A target keeps
/// one record per distinct input hash, the newest <see cref="RecordsPerTarget"/>, so switching an input back to an
/// earlier value (another data file, a parameter, and back) finds that run's record and is up to date when its
/// outputs are still what that run left. Only hashes are stored, so secret input values never reach the disk.
/// </summary>
internal sealed class IncrementalState
{
    /// <summary>How many input hashes a target remembers (the oldest is dropped first).</summary>
    public const int RecordsPerTarget = 8;

    private readonly AbsolutePath _root;
    private readonly AbsolutePath _directory;

    public IncrementalState(AbsolutePath root)
    {
        _root = root;
        _directory = root / ".nuke" / "state";
    }

    /// <summary>One hash over every declared input file's path and content and every input value.</summary>
    public string HashInputs(TargetDefinition definition)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in definition.InputFiles.SelectMany(f => f()).Distinct())
        {
            Append(hash, "file\0" + Display(path) + "\0");
            Append(hash, HashPath(path) ?? "missing");
        }
        foreach (var value in definition.InputValueSources.SelectMany(v => v()))
            Append(hash, "value\0" + (value ?? "") + "\0");
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Null when up to date; otherwise the reason the target must run.</summary>
    public string? WhyNotUpToDate(ExecutableTarget target, string inputHash)
    {
        var file = StateFile(target);
        if (!file.FileExists()) return "no earlier successful run is recorded";
        var records = StateRecord.ParseAll(File.ReadAllLines(file));
        if (records is null) return $"its state file {file.RelativeTo(_root)} is unreadable";
        var record = records.FirstOrDefault(r => r.Inputs == inputHash);
        if (record is null) return "its inputs changed";
        var outputs = Outputs(target.Definition).ToList();
        // An output recorded last time but no longer declared (a list computed from what exists) means something
        // the target made has gone, even when every output still declared is intact.
        var vanished = record.Outputs.Keys.FirstOrDefault(recorded => !outputs.Any(o => Display(o) == recorded));
        if (vanished is not null) return $"output {vanished} of its last run is no longer there";
        foreach (var output in outputs)
        {
            var current = HashPath(output);
            if (current is null) return $"output {Display(output)} is missing";
            if (!record.Outputs.TryGetValue(Display(output), out var recorded) || recorded != current)
                return $"output {Display(output)} changed since the last run";
        }
        return null;
    }

    /// <summary>
    /// Records a successful run as the newest record of the target (replacing an older one of the same input hash,
    /// dropping the oldest beyond <see cref="RecordsPerTarget"/>). Outputs that were not produced are warned about
    /// and not recorded.
    /// </summary>
    public void Record(ExecutableTarget target, string inputHash)
    {
        var record = new StateRecord(inputHash);
        foreach (var output in Outputs(target.Definition))
        {
            var hash = HashPath(output);
            if (hash is null) Log.Warning($"Target '{target.Name}' declares output {Display(output)} but did not produce it.");
            else record.Outputs[Display(output)] = hash;
        }
        var kept = Earlier(target).Where(r => r.Inputs != inputHash).Take(RecordsPerTarget - 1);
        _directory.CreateDirectory();
        File.WriteAllLines(StateFile(target), new[] { record }.Concat(kept).SelectMany(r => r.Lines()));
    }

    /// <summary>
    /// Forgets the run of a target on <paramref name="inputHash"/> (after a failure its outputs cannot be trusted);
    /// records of other inputs stay, as their outputs are checked against their own hashes. Null forgets every record.
    /// </summary>
    public void Forget(ExecutableTarget target, string? inputHash)
    {
        var file = StateFile(target);
        if (!file.FileExists()) return;
        var kept = inputHash is null ? [] : Earlier(target).Where(r => r.Inputs != inputHash).ToList();
        if (kept.Count == 0) File.Delete(file);
        else File.WriteAllLines(file, kept.SelectMany(r => r.Lines()));
    }

    // The records of the target's state file, newest first; none when it is missing or unreadable.
    private IReadOnlyList<StateRecord> Earlier(ExecutableTarget target)
    {
        var file = StateFile(target);
        return file.FileExists() ? StateRecord.ParseAll(File.ReadAllLines(file)) ?? [] : [];
    }

    private AbsolutePath StateFile(ExecutableTarget target) => _directory / (target.Name + ".state");

    private static IEnumerable<AbsolutePath> Outputs(TargetDefinition definition) =>
        definition.OutputFiles.SelectMany(f => f()).Distinct();

    private string Display(AbsolutePath path)
    {
        var relative = path.RelativeTo(_root);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path.ToString() : relative;
    }

    /// <summary>SHA-256 of a file, or of a folder's file names and contents; null when nothing is there.</summary>
    private static string? HashPath(AbsolutePath path)
    {
        if (path.FileExists())
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexString(SHA256.HashData(stream));
        }
        if (!path.DirectoryExists()) return null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Append(hash, Path.GetRelativePath(path, file).Replace('\\', '/') + "\0");
            using var stream = File.OpenRead(file);
            Append(hash, Convert.ToHexString(SHA256.HashData(stream)));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// A record of a state file: "inputs &lt;hash&gt;" then one "output &lt;hash&gt; &lt;path&gt;" line per output; a file holds
    /// its records one after the other, newest first. Plain lines rather than JSON because a JSON serializer's
    /// start-up cost would be paid by every run of an incremental build.
    /// </summary>
    private sealed class StateRecord
    {
        public StateRecord(string inputs) => Inputs = inputs;

        public string Inputs { get; }
        public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

        public IEnumerable<string> Lines() =>
            new[] { "inputs " + Inputs }.Concat(Outputs.Select(o => $"output {o.Value} {o.Key}"));

        /// <summary>Every record of a state file, or null when it is not one (an older single-record file is one).</summary>
        public static IReadOnlyList<StateRecord>? ParseAll(string[] lines)
        {
            if (lines.Length == 0 || !lines[0].StartsWith("inputs ", StringComparison.Ordinal)) return null;
            var records = new List<StateRecord>();
            foreach (var line in lines)
            {
                if (line.StartsWith("inputs ", StringComparison.Ordinal))
                {
                    records.Add(new StateRecord(line["inputs ".Length..]));
                    continue;
                }
                var parts = line.Split(' ', 3);
                if (parts.Length != 3 || parts[0] != "output") return null;
                records[^1].Outputs[parts[2]] = parts[1];
            }
            return records;
        }
    }
}
