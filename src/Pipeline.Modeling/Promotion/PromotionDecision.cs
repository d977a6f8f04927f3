using System.Globalization;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Promotion;

/// <summary>
/// The promotion rule's verdict: the observed difference of the primary metric (challenger − champion, as an
/// improvement: for log-loss, champion − challenger), its paired-bootstrap interval and the margin it had to clear.
/// </summary>
/// <param name="Promote">True when the interval's lower bound is above the margin.</param>
/// <param name="Metric">The primary metric.</param>
/// <param name="Champion">The champion's value on the held-out rows.</param>
/// <param name="Challenger">The challenger's value on the same rows.</param>
/// <param name="Difference">The improvement observed on the rows as given.</param>
/// <param name="Lower">Lower bound of the interval of the improvement.</param>
/// <param name="Upper">Upper bound of the interval.</param>
/// <param name="Confidence">Confidence level of the interval.</param>
/// <param name="Margin">The margin.</param>
/// <param name="Resamples">Resamples in which both values were defined (a resample without a positive row has no PR AUC).</param>
/// <param name="DifferentDataSources">True when champion and challenger were trained on data of different sources.</param>
/// <param name="Sentence">The verdict as a sentence for the build log.</param>
public sealed record PromotionDecision(
    bool Promote, string Metric, double Champion, double Challenger, double Difference, double Lower, double Upper,
    double Confidence, double Margin, int Resamples, bool DifferentDataSources, string Sentence)
{
    internal static string Describe(bool promote, string metric, double difference, double lower, double upper, double confidence, double margin, string? sources)
    {
        var verdict = promote ? "promoted" : "stays staging";
        var interval = double.IsNaN(lower)
            ? "no interval (too few resamples had both classes)"
            : $"{(confidence * 100).ToString("0.#", CultureInfo.InvariantCulture)} % interval [{Signed(lower)}, {Signed(upper)}]";
        var judgement = promote ? "clears" : "does not clear";
        return $"{verdict}: {Label(metric)} {Signed(difference)}, {interval} {judgement} the margin {margin.ToString("F4", CultureInfo.InvariantCulture)}" +
               (sources is null ? "." : $"; {sources}.");
    }

    static string Label(string metric) => metric switch
    {
        MetricNames.F1 => "F1",
        MetricNames.RocAuc => "ROC AUC",
        MetricNames.PrAuc => "PR AUC",
        MetricNames.LogLoss => "log-loss improvement",
        _ => metric,
    };

    // Typographic minus, as people write differences.
    static string Signed(double value) => (value < 0 ? "−" : "+") + Math.Abs(value).ToString("F4", CultureInfo.InvariantCulture);
}
