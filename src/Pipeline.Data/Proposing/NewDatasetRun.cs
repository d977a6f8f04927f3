namespace Pipeline.Data.Proposing;

/// <summary>The NewDataset step as the build runs it (options checked, spec proposed, files written), kept here so it is tested.</summary>
public static class NewDatasetRun
{
    /// <summary>What the step did, as lines for the console.</summary>
    public sealed record Result(SpecProposal Proposal, (string Spec, string Schema, string Training) Paths, IReadOnlyList<string> Lines);

    /// <summary>
    /// Proposes and writes the files of a new dataset from <paramref name="dataPath"/> (its name from
    /// <paramref name="name"/>, else from the file name); the value lists are comma-separated.
    /// </summary>
    /// <exception cref="DataException">A missing option, an existing file, unreadable data or a label that needs values.</exception>
    public static Result Run(string rootDirectory, string? dataPath, string? label, string? name, string? positiveValues, string? negativeValues)
    {
        if (dataPath is null)
            throw new DataException("NewDataset needs the CSV file: give --data <csv>.");
        if (string.IsNullOrWhiteSpace(label))
            throw new DataException($"NewDataset needs the label column of '{dataPath}': give --label <column header>.");
        name ??= SpecProposer.NameFromFile(dataPath);
        NewDatasetFiles.EnsureNew(rootDirectory, name); // before reading a large file for nothing
        var full = Path.GetFullPath(dataPath, rootDirectory);
        var relative = Path.GetRelativePath(rootDirectory, full);
        var inside = !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        var proposal = SpecProposer.Propose(full, label, name, Split(positiveValues), Split(negativeValues),
            sourcePath: inside ? relative.Replace('\\', '/') : null);
        var paths = NewDatasetFiles.Write(rootDirectory, proposal);

        var lines = new List<string> { $"Read {proposal.Rows:N0} rows of {full}. Roles:" };
        lines.AddRange(proposal.Decisions.Select(d => "  " + d));
        lines.Add($"Wrote {Path.GetRelativePath(rootDirectory, paths.Spec)}, {Path.GetRelativePath(rootDirectory, paths.Schema)} and {Path.GetRelativePath(rootDirectory, paths.Training)} (generic defaults: the automatic search).");
        if (proposal.Review.Count > 0)
        {
            lines.Add("Review before committing:");
            lines.AddRange(proposal.Review.Select(r => "  - " + r));
        }
        lines.Add($"Next: ./build.sh --dataset {name}{(inside ? "" : $" --data {full}")} (Evaluate asks for the first snapshot: ./build.sh AcceptMetrics --dataset {name}, then run again to Register).");
        return new Result(proposal, paths, lines);
    }

    private static IReadOnlyList<string>? Split(string? values) =>
        values?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } list ? list : null;
}
