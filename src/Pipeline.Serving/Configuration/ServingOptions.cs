using Pipeline.Modeling.Registry;

namespace Pipeline.Serving.Configuration;

/// <summary>
/// The service's settings, bound from the <c>Serving</c> section (appsettings.json, or environment variables
/// such as <c>Serving__ModelPath</c>, or <c>--Serving:ModelPath=…</c> on the command line).
/// </summary>
public sealed class ServingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Serving";

    /// <summary>
    /// A registry version folder (holds model.zip and metadata.json), or a dataset's registry folder
    /// (holds versions/ and the aliases), in which case the <see cref="Alias"/> version is served and followed.
    /// </summary>
    public string ModelPath { get; set; } = "models/registry/ai4i2020";

    /// <summary>The alias followed when <see cref="ModelPath"/> is a dataset's registry folder.</summary>
    public string Alias { get; set; } = RegistryLayout.ProductionAlias;

    /// <summary>How often the model folder (or alias) is checked for a new model, in seconds.</summary>
    public double WatchIntervalSeconds { get; set; } = 2;

    /// <summary>Port Kestrel listens on.</summary>
    public int Port { get; set; } = 8080;

    /// <summary>Address Kestrel listens on (<c>0.0.0.0</c> for every interface, <c>127.0.0.1</c> for loopback only).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>Largest accepted request body in bytes (at most 1 GiB); larger ones get a 400.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest accepted batch (records per request).</summary>
    public int MaxBatchRecords { get; set; } = 10_000;

    /// <summary>Longest string value in a record, in UTF-8 bytes as sent; longer ones get a 400 before the record is built.</summary>
    public int MaxStringBytes { get; set; } = Requests.RequestLimits.DefaultMaxStringBytes;

    /// <summary>Most fields in one record; more get a 400 before the record is built.</summary>
    public int MaxFieldsPerRecord { get; set; } = Requests.RequestLimits.DefaultMaxFieldsPerRecord;

    /// <summary>Folder of the inference log (JSON lines, one scored record per line).</summary>
    public string InferenceLogDirectory { get; set; } = "artifacts/inference-log";

    /// <summary>An inference log file is closed and a new one started beyond this size.</summary>
    public long InferenceLogMaxFileBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How many inference log files are kept; the oldest beyond this are deleted.</summary>
    public int InferenceLogRetainedFiles { get; set; } = 32;

    /// <summary>
    /// A bearer token every request but <c>/health</c> and <c>/ready</c> must present (<c>Authorization: Bearer …</c>);
    /// unset (the default), the service is open. Prefer <see cref="AuthTokenFile"/> or an environment variable from a secret.
    /// </summary>
    public string? AuthToken { get; set; }

    /// <summary>A file holding the bearer token (e.g. a mounted Kubernetes secret), read once at start; trailing whitespace is ignored.</summary>
    public string? AuthTokenFile { get; set; }

    /// <summary>Versions served beside the champion: canaries (a share of the traffic) and shadows (scored, logged, never answering).</summary>
    public List<ChallengerOptions> Challengers { get; set; } = [];

    /// <summary>The request header whose value is the sticky routing key: one key is always answered by the same version.</summary>
    public string RoutingKeyHeader { get; set; } = "X-Routing-Key";

    /// <summary>A record field used as the routing key when the header is absent (e.g. a customer or machine id); unset by default.</summary>
    public string? RoutingKeyField { get; set; }

    /// <summary>How many requests may wait for the shadow challengers; beyond it they are dropped and counted, never waited for.</summary>
    public int ShadowQueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// A delay added to every /predict answer, in milliseconds. For tests of the deploy's latency gate only
    /// (a service made to miss its SLO); 0, the default, adds nothing.
    /// </summary>
    public int ArtificialDelayMilliseconds { get; set; }

    /// <summary>Maps <c>/bench/constant</c>, a bare endpoint returning a constant: the throughput ceiling for benchmarks.</summary>
    public bool EnableBenchConstantEndpoint { get; set; }

    /// <summary>Makes <see cref="ModelPath"/>, <see cref="InferenceLogDirectory"/> and <see cref="AuthTokenFile"/> absolute, resolving relative ones against <paramref name="baseDirectory"/>.</summary>
    public void ResolvePaths(string baseDirectory)
    {
        ModelPath = Path.GetFullPath(ModelPath, baseDirectory);
        foreach (var challenger in Challengers) challenger.ModelPath = Path.GetFullPath(challenger.ModelPath, baseDirectory);
        InferenceLogDirectory = Path.GetFullPath(InferenceLogDirectory, baseDirectory);
        AuthTokenFile = string.IsNullOrEmpty(AuthTokenFile) ? AuthTokenFile : Path.GetFullPath(AuthTokenFile, baseDirectory);
    }

    /// <summary>
    /// The bearer token from <see cref="AuthToken"/> or <see cref="AuthTokenFile"/>, or null when authentication is off.
    /// Throws <see cref="ServingConfigurationException"/> when both are set, the file cannot be read, or the token is empty.
    /// </summary>
    public string? ReadAuthToken()
    {
        if (!string.IsNullOrEmpty(AuthToken) && !string.IsNullOrEmpty(AuthTokenFile))
        {
            throw new ServingConfigurationException($"Both {Section}:AuthToken and {Section}:AuthTokenFile are set; set one of them.");
        }
        if (string.IsNullOrEmpty(AuthTokenFile))
        {
            return string.IsNullOrEmpty(AuthToken) ? null : AuthToken.Trim();
        }
        string token;
        try
        {
            token = File.ReadAllText(AuthTokenFile).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServingConfigurationException($"{Section}:AuthTokenFile {AuthTokenFile} cannot be read: {e.Message}", e);
        }
        return token.Length > 0
            ? token
            : throw new ServingConfigurationException($"{Section}:AuthTokenFile {AuthTokenFile} is empty; put the bearer token in it, or unset the setting to turn authentication off.");
    }

    /// <summary>The request limits these settings give.</summary>
    public Requests.RequestLimits RequestLimits => new(MaxRequestBodyBytes, MaxBatchRecords, MaxStringBytes, MaxFieldsPerRecord);

    /// <summary>
    /// Throws <see cref="ServingConfigurationException"/> naming the first setting outside the range the service can use
    /// (a port above 65535 or a zero batch limit would otherwise fail later, as an exception with a stack trace).
    /// </summary>
    public void ThrowIfOutOfRange()
    {
        // The request buffer is one array: its length must stay well within int.
        const long maxBody = 1L << 30;
        Check(Port is >= 0 and <= 65535, "Port", Port, "0 to 65535 (0 picks a free port)");
        Check(MaxRequestBodyBytes is >= 1 and <= maxBody, "MaxRequestBodyBytes", MaxRequestBodyBytes, $"1 to {maxBody} bytes");
        Check(MaxBatchRecords >= 1, "MaxBatchRecords", MaxBatchRecords, "at least 1");
        Check(MaxStringBytes >= 1, "MaxStringBytes", MaxStringBytes, "at least 1 byte");
        Check(MaxFieldsPerRecord >= 1, "MaxFieldsPerRecord", MaxFieldsPerRecord, "at least 1");
        Check(InferenceLogMaxFileBytes >= 1, "InferenceLogMaxFileBytes", InferenceLogMaxFileBytes, "at least 1 byte");
        Check(InferenceLogRetainedFiles >= 1, "InferenceLogRetainedFiles", InferenceLogRetainedFiles, "at least 1 file");
        Check(ShadowQueueCapacity >= 1, "ShadowQueueCapacity", ShadowQueueCapacity, "at least 1");
        Check(ArtificialDelayMilliseconds >= 0, "ArtificialDelayMilliseconds", ArtificialDelayMilliseconds, "0 or more milliseconds");
        for (var i = 0; i < Challengers.Count; i++)
        {
            var challenger = Challengers[i];
            var name = $"Challengers:{i}:";
            Check(challenger.IsShadow || string.Equals(challenger.Mode, ChallengerOptions.CanaryMode, StringComparison.OrdinalIgnoreCase),
                name + "Mode", challenger.Mode, $"{ChallengerOptions.CanaryMode} or {ChallengerOptions.ShadowMode}");
            Check(!string.IsNullOrWhiteSpace(challenger.ModelPath), name + "ModelPath", "empty", "a registry version folder");
            Check(challenger.IsShadow ? challenger.Percent == 0 : challenger.Percent is >= 0 and <= 100, name + "Percent", challenger.Percent,
                challenger.IsShadow ? "unset (a shadow answers no requests)" : "0 to 100");
        }
        var canaryPercent = Challengers.Where(c => !c.IsShadow).Sum(c => c.Percent);
        Check(canaryPercent <= 100, "Challengers", $"{canaryPercent} % of the traffic in canaries", "at most 100 % in all");
        Check(double.IsFinite(WatchIntervalSeconds) && WatchIntervalSeconds > 0, "WatchIntervalSeconds", WatchIntervalSeconds, "a positive number of seconds");
    }

    private static void Check(bool valid, string name, object value, string expected)
    {
        if (!valid)
        {
            throw new ServingConfigurationException($"{Section}:{name} is {value}; expected {expected} (environment variable {Section}__{name}).");
        }
    }
}
