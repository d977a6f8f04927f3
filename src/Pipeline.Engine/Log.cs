namespace Pipeline.Engine;

/// <summary>
/// The build's log. Messages go to the running build's output (secrets masked); outside a build they go to the
/// console. <see cref="Debug"/> shows only with <c>--verbosity verbose</c>.
/// </summary>
public static class Log
{
    /// <summary>Detail worth seeing only when diagnosing (<c>--verbosity verbose</c>).</summary>
    public static void Debug(string message) => Write(message, Verbosity.Verbose, prefix: "");

    /// <summary>Normal progress information.</summary>
    public static void Information(string message) => Write(message, Verbosity.Normal, prefix: "");

    /// <summary>Something the user should look at; the build continues.</summary>
    public static void Warning(string message) => Write(message, Verbosity.Minimal, prefix: "warning: ");

    /// <summary>Something went wrong; throwing is what fails a target, this only reports.</summary>
    public static void Error(string message) => Write(message, Verbosity.Quiet, prefix: "error: ");

    /// <summary>
    /// Registers a secret known only at run time (a token read from a file, a kubeconfig's credentials) so that it is
    /// masked like a <see cref="SecretAttribute"/> parameter in everything the running build prints from now on
    /// (Log, Console, failure messages, the summary). Outside a build it is masked in <see cref="Log"/>'s console output.
    /// </summary>
    public static void RegisterSecret(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        (BuildContext.Current?.Output ?? ConsoleOutput.Value).AddSecrets([value]);
    }

    private static void Write(string message, Verbosity level, string prefix)
    {
        var output = BuildContext.Current?.Output ?? ConsoleOutput.Value;
        output.WriteLine(prefix + message, level);
    }

    private static readonly Lazy<BuildOutput> ConsoleOutput = new(() => new BuildOutput(Console.Out, Verbosity.Normal));
}
