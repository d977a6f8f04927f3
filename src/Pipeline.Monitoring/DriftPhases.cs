using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Monitoring;

/// <summary>
/// Where a drift check's time went, phase by phase, for its last log line: wall time and the process's CPU time (all
/// threads; on a busy machine the wall time stretches, the CPU time does not). What a user tuning a scheduled check
/// and the benchmark need to see. The first phase is the process's own start, up to the check.
/// </summary>
internal sealed class DriftPhases
{
    readonly List<(string Name, TimeSpan Wall, TimeSpan Cpu)> phases = new();

    public DriftPhases()
    {
        try
        {
            using var process = Process.GetCurrentProcess();
            var sinceStart = DateTime.Now - process.StartTime;
            if (sinceStart > TimeSpan.Zero) phases.Add(("process start until the check", sinceStart, process.TotalProcessorTime));
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception) { }
    }

    /// <summary>Runs <paramref name="work"/> as the phase <paramref name="name"/>.</summary>
    public T Measure<T>(string name, Func<T> work)
    {
        var cpu = Cpu();
        var stopwatch = Stopwatch.StartNew();
        try { return work(); }
        finally { phases.Add((name, stopwatch.Elapsed, Cpu() - cpu)); }
    }

    /// <summary>"name 1.23 s (CPU 2.01 s), …".</summary>
    public override string ToString() =>
        string.Join(", ", phases.Select(p => $"{p.Name} {Seconds(p.Wall)} s (CPU {Seconds(p.Cpu)} s)"));

    static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
}
