using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Engine;

/// <summary>
/// Installed as <see cref="Console.Out"/> and <see cref="Console.Error"/> while builds run, so that what a target
/// prints with <c>Console.Write*</c> has its secrets masked like <see cref="Log"/> output. Text written on a
/// build's async flow is collected per build and passed on a whole line at a time (a secret written in two pieces
/// is still masked): standard output joins the build's output, standard error goes to the original error stream,
/// scrubbed. Text written outside any build passes through untouched. Child processes that write to the console
/// handles directly are not seen here.
/// </summary>
internal sealed class MaskingConsoleWriter : TextWriter
{
    private static readonly object InstallGate = new();
    private static MaskingConsoleWriter? _out;
    private static MaskingConsoleWriter? _error;

    private readonly bool _isError;
    private readonly ConditionalWeakTable<BuildOutput, StringBuilder> _pending = new();

    internal MaskingConsoleWriter(TextWriter inner, bool isError)
    {
        Inner = inner;
        _isError = isError;
    }

    /// <summary>The console writer this one replaced.</summary>
    public TextWriter Inner { get; }

    public override Encoding Encoding => Inner.Encoding;

    /// <summary>Replaces the console's writers once per process; later calls do nothing.</summary>
    public static void Install()
    {
        lock (InstallGate)
        {
            if (_out is not null) return;
            _out = new MaskingConsoleWriter(Console.Out, isError: false);
            _error = new MaskingConsoleWriter(Console.Error, isError: true);
            Console.SetOut(_out);
            Console.SetError(_error);
        }
    }

    /// <summary>Passes on what a build left without a line end (called when a target ends and when the build ends).</summary>
    public static void FlushPartialLines(BuildOutput output)
    {
        _out?.FlushPartialLine(output);
        _error?.FlushPartialLine(output);
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        var output = BuildContext.Current?.Output;
        if (output is null || BuildOutput.IsWritingOnThisThread)
        {
            // Outside a build, or the build's own output is the console: nothing to collect.
            Inner.Write(value);
            return;
        }
        var pending = _pending.GetValue(output, _ => new StringBuilder());
        lock (pending)
        {
            pending.Append(value);
            var text = pending.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0) return;
            pending.Remove(0, end + 1);
            foreach (var line in text[..end].Split('\n'))
                Emit(output, line.TrimEnd('\r'));
        }
    }

    public override void WriteLine(string? value) => Write(value + NewLine);

    public override void WriteLine() => Write(NewLine);

    public override void Flush()
    {
        // An explicit flush shows a partial line now (a prompt, a progress figure) rather than at the next line end.
        if (BuildContext.Current?.Output is { } output && !BuildOutput.IsWritingOnThisThread) FlushPartialLine(output);
        Inner.Flush();
    }

    private void FlushPartialLine(BuildOutput output)
    {
        if (!_pending.TryGetValue(output, out var pending)) return;
        lock (pending)
        {
            if (pending.Length == 0) return;
            var line = pending.ToString();
            pending.Clear();
            Emit(output, line);
        }
    }

    private void Emit(BuildOutput output, string line)
    {
        if (!_isError)
        {
            output.WriteLine(line, Verbosity.Quiet);
            return;
        }
        lock (Inner)
        {
            Inner.WriteLine(output.Scrub(line));
            Inner.Flush();
        }
    }
}
