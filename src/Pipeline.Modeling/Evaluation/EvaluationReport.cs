using System.Globalization;
using System.Net;
using System.Text;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Evaluation;

/// <summary>The HTML evaluation report: the gate's verdict, lineage, headline metrics, ROC and precision-recall curves,
/// with the operating point, confusion matrix, threshold curve, score distributions, calibration, the global explanation
/// (mean |TreeSHAP|), permutation importance, cross-validation, slices, causes, champion vs challenger with the
/// promotion rule's bootstrap interval and the metrics' history over runs, in one self-contained file (no script, no CDN).</summary>
public static class EvaluationReport
{
    /// <summary>Renders <paramref name="result"/> as a standalone HTML page; <paramref name="context"/> adds the gate, lineage and explanations.</summary>
    public static string ToHtml(EvaluationResult result, ReportContext? context = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation — ")
            .Append(E(result.Dataset)).Append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1100px}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}.pictures svg{margin:0 1em 1em 0;vertical-align:top}svg{max-width:100%;height:auto}.pass{color:#2a7a2a}.fail{color:#b00020}code{word-break:break-all}</style></head><body>");
        html.Append($"<h1>Evaluation: {E(result.Dataset)}</h1>");
        if (context is not null) AppendVerdictAndLineage(html, context);
        html.Append($"<p>Trainer <b>{E(result.Trainer)}</b>{(context?.Lineage is null ? $"; data hash <code>{E(result.DataHash)}</code>" : "")}; held-out rows {result.Test.Rows} ({result.Test.Positives} positive); decision threshold {N(result.Test.Threshold)} (chosen on out-of-fold training predictions).</p>");

        html.Append("<h2>Held-out metrics</h2><table><tr><th>metric</th><th>value</th>");
        if (result.CrossValidation is not null) html.Append($"<th>{result.CrossValidation.Folds}-fold CV mean ± sd</th>");
        html.Append("</tr>");
        foreach (var name in MetricNames.All)
        {
            html.Append($"<tr><td>{name}</td><td>{N(result.Test.ByName[name])}</td>");
            if (result.CrossValidation is { } cv) html.Append($"<td>{N(cv.Spread[name].Mean)} ± {N(cv.Spread[name].StandardDeviation)}</td>");
            html.Append("</tr>");
        }
        html.Append($"<tr><td>brier (lower is better)</td><td>{N(ReportCurves.Brier(result.Probabilities, result.Labels))}</td>");
        if (result.CrossValidation is not null) html.Append("<td></td>");
        html.Append("</tr></table>");

        var (rocPoint, prPoint) = OperatingPoints(result.Test);
        var atThreshold = $"threshold {result.Test.Threshold.ToString("0.####", CultureInfo.InvariantCulture)}";
        html.Append("<div class=\"pictures\">")
            .Append(SvgChart.UnitCurve($"ROC curve (AUC {N(result.Test.RocAuc)})", "false positive rate (share of negatives flagged)", "true positive rate (recall)",
                RankingCurves.RocCurve(result.Probabilities, result.Labels), diagonal: true,
                rocPoint, rocPoint is { } r ? $"{atThreshold}\nTPR {R3(r.Y)}, FPR {R3(r.X)}" : null))
            .Append(SvgChart.UnitCurve($"Precision-recall (AP {N(result.Test.PrAuc)})", "recall (share of positives flagged)", "precision (share of flags right)",
                RankingCurves.PrecisionRecallCurve(result.Probabilities, result.Labels), diagonal: false,
                prPoint, prPoint is { } p ? $"{atThreshold}\nrecall {R3(p.X)}, precision {R3(p.Y)}" : null))
            .Append(SvgChart.Confusion(result.Test.Confusion))
            .Append("</div>");
        AppendThresholdAndCalibration(html, result);
        if (context?.Importance is { } importance) AppendImportance(html, importance);
        if (result.Permutation is { } permutation) AppendPermutation(html, permutation);

        if (result.Slices.Count > 0)
        {
            html.Append("<h2>Slices</h2><table><tr><th>slice</th><th>rows</th><th>positives</th><th>accuracy</th><th>precision</th><th>recall</th><th>f1</th><th>rocAuc</th></tr>");
            foreach (var s in result.Slices)
                html.Append($"<tr><td>{E(s.Column)} = {E(s.Value)}</td><td>{s.Metrics.Rows}</td><td>{s.Metrics.Positives}</td><td>{N(s.Metrics.Accuracy)}</td><td>{N(s.Metrics.Precision)}</td><td>{N(s.Metrics.Recall)}</td><td>{N(s.Metrics.F1)}</td><td>{N(s.Metrics.RocAuc)}</td></tr>");
            html.Append("</table>");
        }

        if (result.Causes.Count > 0)
        {
            html.Append("<h2>Causes</h2><p>Held-out rows where each cause of the label occurred, how many the model flags at its threshold, and how well the cause's own model ranks them.</p>")
                .Append("<table><tr><th>cause</th><th>occurrences</th><th>detected</th><th>recall</th><th>cause model ROC AUC</th></tr>");
            foreach (var cause in result.Causes)
                html.Append($"<tr><td>{E(cause.Cause)}</td><td>{cause.Occurrences}</td><td>{cause.Detected}</td><td>{N(cause.Recall)}</td><td>{N(cause.CauseModelRocAuc)}</td></tr>");
            html.Append("</table>");
        }

        html.Append("<h2>Champion vs challenger</h2>");
        if (result.Champion is { } c)
        {
            html.Append($"<table><tr><th>metric</th><th>champion (production v{c.ChampionVersion})</th><th>challenger (this model)</th></tr>");
            foreach (var name in MetricNames.All)
                html.Append($"<tr><td>{name}</td><td>{N(c.Champion.ByName[name])}</td><td>{N(c.Challenger.ByName[name])}</td></tr>");
            html.Append($"</table><p>Promotion rule: {E(c.Decision.Sentence)}</p>");
            AppendBootstrap(html, c);
        }
        else html.Append("<p>No production model in the registry: nothing to compare with.</p>");
        if (context?.History is { } history) AppendHistory(html, history);
        html.Append("</body></html>");
        return html.ToString();
    }

    static void AppendVerdictAndLineage(StringBuilder html, ReportContext context)
    {
        var lineage = context.Lineage;
        html.Append($"<p>Report made {E(context.Date.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))}{(lineage is null ? "" : $" for run <code>{E(lineage.RunId)}</code>")}.</p>");
        if (context.Gate is { } gate)
        {
            html.Append($"<h2>Metric gate: <span class=\"{(gate.Passed ? "pass\">PASSED" : "fail\">FAILED")}</span></h2>");
            html.Append(gate.SnapshotFound
                ? $"<p>Compared with the verified snapshot <code>{E(gate.Location.VerifiedPath)}</code>.</p>"
                : $"<p>No verified snapshot{(gate.SnapshotProblem is { } problem ? $": {E(problem)}" : "")}; the numbers below are new.</p>");
            html.Append("<table><tr><th>metric</th><th>verified (old)</th><th>received (new)</th><th>delta</th><th>tolerance</th><th>floor</th><th>verdict</th></tr>");
            foreach (var row in gate.Rows)
                html.Append($"<tr><td>{E(row.Metric)}</td><td>{N(row.Verified)}</td><td>{N(row.Received)}</td><td>{Signed(row.Delta)}</td><td>{N(row.Tolerance)}</td><td>{N(row.Floor)}</td>")
                    .Append($"<td class=\"{(row.Fails ? "fail" : "pass")}\">{Verdict(row.Verdict)}</td></tr>");
            html.Append("</table>");
        }
        if (lineage is null) return;
        html.Append("<h2>Lineage</h2><table>");
        void Row(string name, string value) => html.Append($"<tr><td>{name}</td><td style=\"text-align:left\">{value}</td></tr>");
        Row("run id", $"<code>{E(lineage.RunId)}</code>");
        Row("commit", $"<code>{E(lineage.GitCommit)}</code>");
        Row("data source", E(lineage.DataSource.Length > 0 ? lineage.DataSource : "(not recorded)"));
        Row("data hash", $"<code>{E(lineage.DataHash)}</code> ({lineage.DataRows} rows)");
        Row("configuration hash", $"<code>{E(lineage.ConfigHash)}</code>");
        Row("trainer", E(lineage.Trainer));
        Row("hyperparameters", E(string.Join(", ", lineage.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value.ToString("0.####", CultureInfo.InvariantCulture)}"))));
        Row("decision threshold", N(lineage.Threshold));
        if (lineage.Causes is { Count: > 0 } causes) Row("cause models", E(string.Join(", ", causes.Select(c => c.Column))));
        if (lineage.ParentVersion is { } parent) Row("parent version", $"v{parent}");
        html.Append("</table>");
    }

    static void AppendThresholdAndCalibration(StringBuilder html, EvaluationResult result)
    {
        var threshold = result.Test.Threshold;
        var (precision, recall, f1) = ReportCurves.ThresholdCurve(result.Probabilities, result.Labels);
        var calibration = ReportCurves.Calibration(result.Probabilities, result.Labels);
        html.Append("<h2>Threshold, score distributions and calibration</h2><div class=\"pictures\">")
            .Append(ReportCharts.Lines("Precision, recall and F1 by threshold", "decision threshold (probability)", "metric value",
                [new("precision", "#1f77b4", precision), new("recall", "#ff7f0e", recall), new("F1", "#2ca02c", f1)],
                markX: threshold, markLabel: $"chosen {N(threshold)}"))
            .Append(ReportCharts.Lines("Score distribution per class", "predicted probability of the positive class", "share of the class's rows",
                [new("negative rows", "#1f77b4", ReportCurves.ScoreDistribution(result.Probabilities, result.Labels, false)),
                 new("positive rows", "#d62728", ReportCurves.ScoreDistribution(result.Probabilities, result.Labels, true))],
                yMax: null, markX: threshold, markLabel: "threshold"))
            .Append(ReportCharts.Lines($"Calibration (Brier {N(ReportCurves.Brier(result.Probabilities, result.Labels))})", "mean predicted probability (bin)", "observed positive rate",
                [new("model", "#9467bd", calibration.Select(b => new ReportCurves.Point(b.MeanPredicted, b.Observed)).ToList(), Dots: true)], diagonal: true))
            .Append("</div>");
        html.Append("<p>Calibration bins (rows): ")
            .Append(E(string.Join(", ", calibration.Select(b => $"{b.MeanPredicted.ToString("0.00", CultureInfo.InvariantCulture)} → {b.Observed.ToString("0.00", CultureInfo.InvariantCulture)} ({b.Rows})"))))
            .Append(". The dashed diagonal is perfect calibration.</p>");
    }

    static void AppendImportance(StringBuilder html, ContributionImportance importance)
    {
        html.Append("<h2>What drives the model (global explanation)</h2>");
        if (importance.Problem is { } problem)
        {
            html.Append($"<p>No explanations: {E(problem)}.</p>");
            return;
        }
        html.Append($"<p>Mean absolute exact TreeSHAP contribution to the {E(importance.Member)} model's raw score (log-odds) over {importance.Rows} held-out rows: ")
            .Append("how far, on average, each feature moves a prediction away from the model's base value. By input field, a derived feature's contribution is split equally among the fields it uses and one-hot slots go to their column.</p><div class=\"pictures\">")
            .Append(ReportCharts.Bars("Mean |contribution| per feature", "mean |TreeSHAP contribution| (log-odds)", importance.Features))
            .Append(ReportCharts.Bars("Mean |contribution| per input field", "mean |TreeSHAP contribution| (log-odds)", importance.Fields))
            .Append("</div>");
    }

    // The model at its threshold: (false positive rate, true positive rate) on the ROC curve, (recall, precision) on the PR curve.
    static (RankingCurves.Point? Roc, RankingCurves.Point? PrecisionRecall) OperatingPoints(BinaryMetrics test)
    {
        var c = test.Confusion;
        double positives = c.TruePositives + c.FalseNegatives, negatives = c.FalsePositives + c.TrueNegatives, flagged = c.TruePositives + c.FalsePositives;
        if (positives == 0 || negatives == 0) return (null, null);
        var recall = c.TruePositives / positives;
        return (new RankingCurves.Point(c.FalsePositives / negatives, recall),
            flagged == 0 ? null : new RankingCurves.Point(recall, c.TruePositives / flagged));
    }

    static void AppendPermutation(StringBuilder html, PermutationImportance importance)
    {
        var metric = IntervalCharts.MetricLabel(importance.Metric);
        html.Append($"<h2>Permutation importance</h2><p>How much the held-out {metric} ({N(importance.Baseline)} on {importance.Rows} rows) drops when one input field's values are shuffled across the rows ")
            .Append($"and the whole model scores them again; mean over {importance.Repeats} shuffles, with the 2.5th–97.5th percentile of the drops as the interval. ")
            .Append("A drop near 0 means the model does not rely on the field (a field that only matters together with another may still show little).</p><div class=\"pictures\">")
            .Append(IntervalCharts.Importance(importance)).Append("</div>")
            .Append($"<table><tr><th>input field</th><th>mean drop in {metric}</th><th>interval</th></tr>");
        foreach (var f in importance.Fields)
            html.Append($"<tr><td>{E(f.Field)}</td><td>{Signed(f.MeanDrop)}</td><td>[{Signed(f.Lower)}, {Signed(f.Upper)}]</td></tr>");
        html.Append("</table>");
    }

    // The promotion rule's own paired bootstrap (Decision), not another one: the interval that decided the verdict.
    static void AppendBootstrap(StringBuilder html, ChampionComparison comparison)
    {
        var d = comparison.Decision;
        var record = PromotionRecord.Of(comparison);
        html.Append($"<p>Paired bootstrap on the same {comparison.Challenger.Rows} held-out rows ({d.Resamples} resamples with both values defined): ")
            .Append($"{E(IntervalCharts.MetricLabel(d.Metric))} champion {N(d.Champion)}, challenger {N(d.Challenger)}, improvement {Signed(d.Difference)}, ")
            .Append(double.IsNaN(d.Lower) ? "no interval" : $"{(d.Confidence * 100).ToString("0.#", CultureInfo.InvariantCulture)} % interval [{Signed(d.Lower)}, {Signed(d.Upper)}]")
            .Append($"; the challenger is promoted only when the interval's lower bound is above the margin {N(d.Margin)}.</p><div class=\"pictures\">")
            .Append(IntervalCharts.Difference(record)).Append("</div>");
    }

    static void AppendHistory(StringBuilder html, MetricHistory history)
    {
        html.Append("<h2>History over the dataset's runs</h2>");
        if (history.Problem is { } problem) html.Append($"<p>Only this run is shown: {E(problem)}.</p>");
        html.Append($"<p>{history.Runs.Count} evaluated run(s) of this dataset, oldest first; this run is ringed")
            .Append(history.Snapshot.Count > 0 ? "; the dashed lines are the verified snapshot's values, which the gate compares with." : "; there is no verified snapshot to draw.")
            .Append("</p><div class=\"pictures\">").Append(HistoryChart.Svg(history)).Append("</div>");
    }

    static string R3(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    static string Verdict(Gate.MetricVerdict verdict) => verdict switch
    {
        Gate.MetricVerdict.Unchanged => "ok (within tolerance)",
        Gate.MetricVerdict.Improved => "improved",
        Gate.MetricVerdict.Regressed => "regressed",
        Gate.MetricVerdict.BelowFloor => "below floor",
        _ => "new",
    };

    static string N(double? value) => value is { } v ? N(v) : "–";

    static string Signed(double? value) => value is { } v ? v.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) : "–";

    static string N(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
