using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Engine;

/// <summary>
/// Remembers, per target, the content hashes of its inputs (files and values) and outputs at its last successful
/// run, in one file per target under <c>.nuke/state/</c> (delete the folder to forget everything). Only hashes
/// are stored, so secret input values never reach the disk.
/// </summary>
internal sealed class IncrementalState
{
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
        var record = StateRecord.Parse(File.ReadAllLines(file));
        if (record is null) return $"its state file {file.RelativeTo(_root)} is unreadable";
        if (record.Inputs != inputHash) return "its inputs changed";
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

    /// <summary>Records a successful run. Outputs that were not produced are warned about and not recorded.</summary>
    public void Record(ExecutableTarget target, string inputHash)
    {
        var record = new StateRecord(inputHash);
        foreach (var output in Outputs(target.Definition))
        {
            var hash = HashPath(output);
            if (hash is null) Log.Warning($"Target '{target.Name}' declares output {Display(output)} but did not produce it.");
            else record.Outputs[Display(output)] = hash;
        }
        _directory.CreateDirectory();
        File.WriteAllLines(StateFile(target), record.Lines());
    }

    /// <summary>Forgets a target's last run (after a failure its outputs cannot be trusted).</summary>
    public void Forget(ExecutableTarget target)
    {
        var file = StateFile(target);
        if (file.FileExists()) File.Delete(file);
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
    /// A state file: "inputs &lt;hash&gt;" then one "output &lt;hash&gt; &lt;path&gt;" line per output. Plain lines rather
    /// than JSON because a JSON serializer's start-up cost would be paid by every run of an incremental build.
    /// </summary>
    private sealed class StateRecord
    {
        public StateRecord(string inputs) => Inputs = inputs;

        public string Inputs { get; }
        public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

        public IEnumerable<string> Lines() =>
            new[] { "inputs " + Inputs }.Concat(Outputs.Select(o => $"output {o.Value} {o.Key}"));

        public static StateRecord? Parse(string[] lines)
        {
            if (lines.Length == 0 || !lines[0].StartsWith("inputs ", StringComparison.Ordinal)) return null;
            var record = new StateRecord(lines[0]["inputs ".Length..]);
            foreach (var line in lines.Skip(1))
            {
                var parts = line.Split(' ', 3);
                if (parts.Length != 3 || parts[0] != "output") return null;
                record.Outputs[parts[2]] = parts[1];
            }
            return record;
        }
    }
}
