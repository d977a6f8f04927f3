// Usage: ModelEnsembleSearch <data.csv> [--fold-seed N] [--spec copy.json] [--blend A+B]... [--average A+B+C]... <name>=<Trainer>[:<parameter>=<value>,...]...
//
// The experiments behind models/README.md's "ROC AUC on the real file": for each candidate member, out-of-fold
// probabilities on the training split (stratified 5-fold CV as Train does it, seed 42 unless --fold-seed) and the
// probabilities of the member refit on the whole training split for the test rows. Every choice is made on the
// out-of-fold numbers, which are printed first; the test split's numbers are printed last, under their own heading,
// and nothing above depends on them.
//   --blend A+B      weighted probability averages (1-w)·A + w·B for w = 0, 0.1, …, 1, and the weight each
//                    out-of-fold criterion (ROC AUC, PR AUC, log-loss) would pick; plus the rank average of A and B
//                    (each score mapped to its quantile among the member's out-of-fold scores).
//   --average A+B+C  the equal-weight probability average (e.g. one configuration under several seeds).
//   --spec copy.json a copy of data/ai4i2020.json, e.g. with an extra derived feature to try.
// A member is written name=Trainer:parameter=value,...; "seed" sets the trainer's seed (default 42). Parameters are
// checked by the product's own TrainingConfigurationLoader, so a typo fails with its usual sentence.
// A member written name=config:path/training.json is trained exactly as Train does it with that configuration file
// (its search and its cause models included), on the same folds.
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Training;
using Pipeline.Modeling.Features;

try
{
    var arguments = args.ToList();
    string? Option(string name)
    {
        var at = arguments.IndexOf(name);
        if (at < 0) return null;
        var value = arguments[at + 1];
        arguments.RemoveRange(at, 2);
        return value;
    }
    var foldSeed = int.Parse(Option("--fold-seed") ?? "42", CultureInfo.InvariantCulture);
    var specPath = Option("--spec");
    var blends = new List<string[]>();
    var averages = new List<string[]>();
    for (string? value; (value = Option("--blend")) is not null;) blends.Add(value.Split('+'));
    for (string? value; (value = Option("--average")) is not null;) averages.Add(value.Split('+'));

    var root = Directory.GetCurrentDirectory();
    var spec = specPath is null ? DatasetCatalog.Resolve(root, "ai4i2020").Spec : DatasetSpec.Load(specPath);
    var features = DatasetFeatures.From(DatasetLoader.Load(spec, root, arguments[0]));
    var train = features.Train;
    var test = features.Test;
    var folds = features.TrainingFolds(5, foldSeed).Select(f => f.ToArray()).ToArray();
    Console.WriteLine($"Training split {train.Count} rows ({train.PositiveCount} positive), 5 stratified folds (seed {foldSeed}); test split {test.Count} rows ({test.PositiveCount} positive).");

    var members = new Dictionary<string, Member>();
    Console.WriteLine();
    Console.WriteLine("== Out-of-fold, training split (what every choice is made on)");
    Console.WriteLine($"{"member",-14} {"ROC AUC",8} {"fold mean ± sd",16} {"PR AUC",8} {"log-loss",9} {"seconds",8}");
    foreach (var definition in arguments.Skip(1))
    {
        var member = Member.Train(definition, features, folds);
        members[member.Name] = member;
        var perFold = folds.Select(held => RankingCurves.RocAuc(held.Select(i => member.OutOfFold[i]).ToArray(), held.Select(i => train.Labels[i]).ToArray())).ToArray();
        var mean = perFold.Average();
        var sd = Math.Sqrt(perFold.Sum(v => (v - mean) * (v - mean)) / (perFold.Length - 1));
        var oof = Scores.Of(member.OutOfFold, train.Labels);
        Console.WriteLine($"{member.Name,-14} {oof.RocAuc,8:F4} {mean,8:F4} ± {sd:F4} {oof.PrAuc,8:F4} {oof.LogLoss,9:F4} {member.Seconds,8:F1}");
    }

    var blendRows = new List<(string Name, float[] OutOfFold, float[] Test)>();
    foreach (var pair in blends)
    {
        var (a, b) = (members[pair[0]], members[pair[1]]);
        Console.WriteLine();
        Console.WriteLine($"== Out-of-fold blends (1-w)·{a.Name} + w·{b.Name}");
        Console.WriteLine($"{"w",4} {"ROC AUC",8} {"PR AUC",8} {"log-loss",9}");
        var grid = Enumerable.Range(0, 11).Select(k => k / 10.0).Select(w => (W: w, Oof: Scores.Of(Mix(a.OutOfFold, b.OutOfFold, w), train.Labels))).ToList();
        foreach (var (w, oof) in grid) Console.WriteLine($"{w,4:F1} {oof.RocAuc,8:F4} {oof.PrAuc,8:F4} {oof.LogLoss,9:F4}");
        // Ties go to the smaller weight of the second member (the simpler model when the first is the incumbent).
        var byRoc = grid.MaxBy(g => Math.Round(g.Oof.RocAuc, 6)).W;
        var byPr = grid.MaxBy(g => Math.Round(g.Oof.PrAuc, 6)).W;
        var byLogLoss = grid.MinBy(g => Math.Round(g.Oof.LogLoss, 6)).W;
        Console.WriteLine($"chosen weight w by out-of-fold ROC AUC {byRoc:F1}, by PR AUC {byPr:F1}, by log-loss {byLogLoss:F1}");
        foreach (var (criterion, w) in new[] { ("ROC AUC", byRoc), ("PR AUC", byPr), ("log-loss", byLogLoss) })
            blendRows.Add(($"{a.Name}+{b.Name} w={w:F1} (by OOF {criterion})", Mix(a.OutOfFold, b.OutOfFold, w), Mix(a.Test, b.Test, w)));
        var rankOof = Mix(a.QuantileOfOutOfFold(a.OutOfFold), b.QuantileOfOutOfFold(b.OutOfFold), 0.5);
        var rankTest = Mix(a.QuantileOfOutOfFold(a.Test), b.QuantileOfOutOfFold(b.Test), 0.5);
        Console.WriteLine($"rank average: out-of-fold ROC AUC {RankingCurves.RocAuc(rankOof, train.Labels):F4}, PR AUC {RankingCurves.AveragePrecision(rankOof, train.Labels):F4}");
        blendRows.Add(($"{a.Name}+{b.Name} rank average", rankOof, rankTest));
    }
    foreach (var group in averages)
    {
        var chosen = group.Select(n => members[n]).ToArray();
        var oof = Average(chosen.Select(m => m.OutOfFold));
        var scores = Scores.Of(oof, train.Labels);
        Console.WriteLine();
        Console.WriteLine($"== Out-of-fold equal average of {string.Join(" + ", group)}: ROC AUC {scores.RocAuc:F4}, PR AUC {scores.PrAuc:F4}, log-loss {scores.LogLoss:F4}");
        blendRows.Add(($"average {string.Join("+", group)}", oof, Average(chosen.Select(m => m.Test))));
    }

    Console.WriteLine();
    Console.WriteLine("== Test split (printed after every choice above; used for none of them)");
    Console.WriteLine($"{"model",-44} {"OOF ROC AUC",12} {"test ROC AUC",13} {"test PR AUC",12}");
    foreach (var member in members.Values)
        Console.WriteLine($"{member.Name,-44} {RankingCurves.RocAuc(member.OutOfFold, train.Labels),12:F4} {RankingCurves.RocAuc(member.Test, test.Labels),13:F4} {RankingCurves.AveragePrecision(member.Test, test.Labels),12:F4}");
    foreach (var (name, oof, testScores) in blendRows)
        Console.WriteLine($"{name,-44} {RankingCurves.RocAuc(oof, train.Labels),12:F4} {RankingCurves.RocAuc(testScores, test.Labels),13:F4} {RankingCurves.AveragePrecision(testScores, test.Labels),12:F4}");
    return 0;
}
catch (Exception e) when (e is ModelingException or Pipeline.Data.DataException or KeyNotFoundException or FormatException or ArgumentOutOfRangeException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static float[] Mix(float[] a, float[] b, double w) => a.Select((v, i) => (float)((1 - w) * v + w * b[i])).ToArray();

static float[] Average(IEnumerable<float[]> all)
{
    var list = all.ToList();
    return Enumerable.Range(0, list[0].Length).Select(i => list.Average(s => s[i])).ToArray();
}

/// <summary>Pooled out-of-fold ranking and calibration scores of one set of probabilities.</summary>
sealed record Scores(double RocAuc, double PrAuc, double LogLoss)
{
    public static Scores Of(float[] probabilities, bool[] labels)
    {
        var metrics = BinaryMetrics.Compute(probabilities, labels, 0.5);
        return new Scores(metrics.RocAuc, metrics.PrAuc, metrics.LogLoss);
    }
}

/// <summary>One candidate member: its out-of-fold probabilities on the training split and its refit's test probabilities.</summary>
sealed record Member(string Name, float[] OutOfFold, float[] Test, double Seconds)
{
    public static Member Train(string definition, DatasetFeatures features, int[][] folds)
    {
        var (train, test) = (features.Train, features.Test);
        var equals = definition.IndexOf('=');
        if (equals <= 0) throw new FormatException($"Member '{definition}' must be written name=Trainer[:parameter=value,...] or name=config:path.");
        var name = definition[..equals];
        var body = definition[(equals + 1)..].Split(':', 2);
        if (body[0] == "config")
        {
            var watchConfig = Stopwatch.StartNew();
            var file = TrainingConfigurationLoader.Load(body[1]);
            var trained = ModelTrainer.Train(train, folds, file, causes: features.CauseTargets(file));
            return new Member(name, trained.OutOfFold, trained.PredictProbabilities(test), watchConfig.Elapsed.TotalSeconds);
        }
        var seed = 42;
        var parameters = new List<string>();
        foreach (var setting in body.Length > 1 ? body[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [])
        {
            var (key, value) = (setting.Split('=')[0], setting.Split('=')[1]);
            if (key == "seed") seed = int.Parse(value, CultureInfo.InvariantCulture);
            else parameters.Add($"\"{key}\": {value}");
        }
        var configuration = TrainingConfigurationLoader.Parse(
            $"{{ \"trainer\": \"{body[0]}\", \"seed\": {seed}, \"parameters\": {{ {string.Join(", ", parameters)} }} }}", $"member '{name}'");

        var watch = Stopwatch.StartNew();
        var outOfFold = new float[train.Count];
        foreach (var held in folds)
        {
            var isHeld = new bool[train.Count];
            foreach (var i in held) isHeld[i] = true;
            var ml = new MLContext(seed);
            var model = ModelTrainer.Fit(ml, train.Subset(Enumerable.Range(0, train.Count).Where(i => !isHeld[i]).ToArray()), configuration.Trainer, configuration.Parameters, seed);
            var probabilities = ModelTrainer.PredictWith(ml, model, train.Subset(held));
            for (var i = 0; i < held.Length; i++) outOfFold[held[i]] = probabilities[i];
        }
        var finalContext = new MLContext(seed);
        var final = ModelTrainer.Fit(finalContext, train, configuration.Trainer, configuration.Parameters, seed);
        return new Member(name, outOfFold, ModelTrainer.PredictWith(finalContext, final, test), watch.Elapsed.TotalSeconds);
    }

    /// <summary>Each score's quantile among this member's out-of-fold scores (the rank-average's common scale).</summary>
    public float[] QuantileOfOutOfFold(float[] scores)
    {
        var sorted = OutOfFold.Order().ToArray();
        return scores.Select(s =>
        {
            // The share of out-of-fold scores at or below s.
            var at = Array.BinarySearch(sorted, s);
            if (at < 0) return (float)~at / sorted.Length;
            while (at + 1 < sorted.Length && sorted[at + 1] == s) at++;
            return (float)(at + 1) / sorted.Length;
        }).ToArray();
    }
}
