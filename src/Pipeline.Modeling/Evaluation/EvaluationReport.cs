using System.Globalization;
using System.Net;
using System.Text;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Evaluation;

/// <summary>The HTML evaluation report: headline metrics, ROC and precision-recall curves, confusion matrix,
/// cross-validation, slices, causes and champion vs challenger, in one self-contained file.</summary>
public static class EvaluationReport
{
    /// <summary>Renders <paramref name="result"/> as a standalone HTML page.</summary>
    public static string ToHtml(EvaluationResult result)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation — ")
            .Append(E(result.Dataset)).Append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1100px}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}.pictures svg{margin-right:1em;vertical-align:top}</style></head><body>");
        html.Append($"<h1>Evaluation: {E(result.Dataset)}</h1>");
        html.Append($"<p>Trainer <b>{E(result.Trainer)}</b>; data hash <code>{E(result.DataHash)}</code>; held-out rows {result.Test.Rows} ({result.Test.Positives} positive); decision threshold {N(result.Test.Threshold)} (chosen on out-of-fold training predictions).</p>");

        html.Append("<h2>Held-out metrics</h2><table><tr><th>metric</th><th>value</th>");
        if (result.CrossValidation is not null) html.Append($"<th>{result.CrossValidation.Folds}-fold CV mean ± sd</th>");
        html.Append("</tr>");
        foreach (var name in MetricNames.All)
        {
            html.Append($"<tr><td>{name}</td><td>{N(result.Test.ByName[name])}</td>");
            if (result.CrossValidation is { } cv) html.Append($"<td>{N(cv.Spread[name].Mean)} ± {N(cv.Spread[name].StandardDeviation)}</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");

        html.Append("<div class=\"pictures\">")
            .Append(SvgChart.UnitCurve($"ROC curve (AUC {N(result.Test.RocAuc)})", "false positive rate", "true positive rate",
                RankingCurves.RocCurve(result.Probabilities, result.Labels), diagonal: true))
            .Append(SvgChart.UnitCurve($"Precision-recall (AP {N(result.Test.PrAuc)})", "recall", "precision",
                RankingCurves.PrecisionRecallCurve(result.Probabilities, result.Labels), diagonal: false))
            .Append(SvgChart.Confusion(result.Test.Confusion))
            .Append("</div>");

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
        }
        else html.Append("<p>No production model in the registry: nothing to compare with.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    static string N(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
