namespace Pipeline.Engine;

/// <summary>
/// Where one build invocation writes. Every line passes through here so that secret values are masked
/// wherever they would appear, and so that concurrent writers do not interleave within a line.
/// </summary>
internal sealed class BuildOutput
{
    public const string Mask = "***";

    private readonly TextWriter _writer;
    private readonly object _gate = new();
    private string[] _secrets = Array.Empty<string>();

    public BuildOutput(TextWriter writer, Verbosity verbosity)
    {
        _writer = writer;
        Verbosity = verbosity;
    }

    public Verbosity Verbosity { get; set; }

    /// <summary>
    /// True while this thread writes a line to its writer, which may be the console itself; the masking console
    /// writer then passes the text straight through instead of collecting it again.
    /// </summary>
    public static bool IsWritingOnThisThread => _isWriting;

    [ThreadStatic] private static bool _isWriting;

    /// <summary>Registers values that must never be shown.</summary>
    public void AddSecrets(IEnumerable<string> values)
    {
        lock (_gate)
            // Longest first, so a secret containing another is masked whole.
            _secrets = _secrets.Concat(values.Where(v => v.Length > 0)).Distinct()
                .OrderByDescending(v => v.Length).ToArray();
    }

    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>
    /// Writes a line without masking: only for commands that hand a secret to a CI runner so that the runner masks it
    /// (GitHub's <c>::add-mask::</c>).
    /// </summary>
    public void WriteUnmasked(string text)
    {
        lock (_gate)
        {
            _isWriting = true;
            try
            {
                _writer.WriteLine(text);
                _writer.Flush();
            }
            finally
            {
                _isWriting = false;
            }
        }
    }

    public void WriteLine(string text = "", Verbosity level = Verbosity.Quiet)
    {
        if (level > Verbosity) return;
        lock (_gate)
        {
            _isWriting = true;
            try
            {
                _writer.WriteLine(Scrub(text));
                _writer.Flush();
            }
            finally
            {
                _isWriting = false;
            }
        }
    }
}
