using System.Globalization;

namespace Pipeline.Modeling.Scoring;

/// <summary>
/// The one definition of the scoring service's inference log, which the service writes and the drift check reads:
/// files named <c>inference-&lt;UTC time&gt;-&lt;n&gt;.jsonl</c> (names sort by time), holding one JSON object per
/// scored record, <c>{"time":…,"modelVersion":…,"role":…,"requestId":…,"routingKey":…,"score":…,"label":…,"features":{…as received…}}</c>
/// (shadow challengers' records in the <see cref="ShadowFolder"/> subfolder). It lives here,
/// beside scoring, because both the writer (Serving) and the reader (Monitoring) depend on Modeling.
/// </summary>
public static class InferenceLogFormat
{
    /// <summary>How every log file name starts.</summary>
    public const string FilePrefix = "inference-";

    /// <summary>The extension of a log file (JSON Lines).</summary>
    public const string FileExtension = ".jsonl";

    /// <summary>The glob that finds a folder's log files.</summary>
    public const string SearchPattern = FilePrefix + "*" + FileExtension;

    /// <summary>The record's field with the UTC time it was scored.</summary>
    public const string Time = "time";

    /// <summary>The record's field with the registry version of the model that scored it.</summary>
    public const string ModelVersion = "modelVersion";

    /// <summary>The record's field with the positive-class probability (0 to 1).</summary>
    public const string Score = "score";

    /// <summary>The record's field with the decision at the model's threshold.</summary>
    public const string Label = "label";

    /// <summary>The record's field with the part its version played: <c>champion</c>, <c>canary</c> or <c>shadow</c>.</summary>
    public const string Role = "role";

    /// <summary>The <see cref="Role"/> of the version the alias or model folder names, answering all traffic not given to a canary.</summary>
    public const string ChampionRole = "champion";

    /// <summary>The <see cref="Role"/> of a challenger answering its share of the traffic.</summary>
    public const string CanaryRole = "canary";

    /// <summary>The <see cref="Role"/> of a challenger scoring requests off the request path, whose answers are only logged.</summary>
    public const string ShadowRole = "shadow";

    /// <summary>The record's field with its request's id (a shadow's record and the champion's of one request share it).</summary>
    public const string RequestId = "requestId";

    /// <summary>The record's field with its request's sticky routing key, when it had one.</summary>
    public const string RoutingKey = "routingKey";

    /// <summary>
    /// The subfolder of the log folder holding the shadow challengers' records: apart, so that a drift check of the
    /// folder reads every request once, and the service's own traffic only.
    /// </summary>
    public const string ShadowFolder = "shadow";

    /// <summary>The record's object with the features as received, keyed by the dataset's column names.</summary>
    public const string Features = "features";

    /// <summary>
    /// The name of a new log file started at <paramref name="utcTime"/>; <paramref name="sequence"/> keeps names
    /// distinct (and ordered) when two files start within one clock tick.
    /// </summary>
    public static string FileName(DateTime utcTime, int sequence) =>
        $"{FilePrefix}{utcTime.ToString("yyyyMMdd'T'HHmmssfffffff", CultureInfo.InvariantCulture)}-{sequence:D6}{FileExtension}";

    /// <summary>Whether <paramref name="path"/> names a log file by its extension (rather than, e.g., a CSV).</summary>
    public static bool HasLogFileExtension(string path) => path.EndsWith(FileExtension, StringComparison.OrdinalIgnoreCase);
}
