using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace ServeLoad;

/// <summary>
/// A fixed-rate (open-loop) load: request k is due at start + k / rate whatever the answers before it, and its latency
/// counts from that scheduled time, so queueing anywhere (the service, or all connections busy) is measured rather than
/// hidden by the client slowing down (coordinated omission). One pacing thread sleeps with nanosleep until the next due
/// time and sends on a free connection; responses complete on the socket engine's thread.
/// </summary>
sealed class OpenLoopLoad(IPEndPoint endPoint, byte[] request, double rate, int connections)
{
    readonly object _gate = new();
    readonly Stack<HttpConnection> _free = new();
    readonly Queue<long> _waiting = new();
    long[] _latencies = [];
    int _recorded;
    long _measureFrom = long.MaxValue;
    long _completedOk, _failed, _non2xx, _queued, _inFlight;

    public LoadResult Run(TimeSpan warmup, TimeSpan duration)
    {
        for (var i = 0; i < connections; i++) _free.Push(HttpConnection.Open(endPoint, request, OnCompleted));
        _latencies = new long[(int)(rate * duration.TotalSeconds * 1.2) + 1024];
        var frequency = (double)Stopwatch.Frequency;
        var interval = frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmup.TotalSeconds * frequency);
        var end = measureStart + (long)(duration.TotalSeconds * frequency);
        Volatile.Write(ref _measureFrom, measureStart);
        var cpuBefore = TimeSpan.Zero;
        var cpuMeasured = false;
        long k = 0, sentMeasured = 0;
        var lags = new List<long>();
        while (true)
        {
            var scheduled = start + (long)(k * interval);
            if (scheduled >= end) break;
            var now = Stopwatch.GetTimestamp();
            if (now < scheduled)
            {
                Sleep((scheduled - now) / frequency);
                continue;
            }
            if (!cpuMeasured && scheduled >= measureStart)
            {
                cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                cpuMeasured = true;
            }
            if (scheduled >= measureStart)
            {
                sentMeasured++;
                if ((k & 15) == 0) lags.Add(now - scheduled);
            }
            Dispatch(scheduled);
            k++;
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        // Let the last answers arrive (bounded: a stalled service fails the run rather than hanging it).
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (Interlocked.Read(ref _inFlight) > 0 && Stopwatch.GetTimestamp() < deadline) Thread.Sleep(5);
        lock (_gate) foreach (var connection in _free) connection.Close();

        var latencies = _latencies.AsSpan(0, Math.Min(_recorded, _latencies.Length)).ToArray();
        Array.Sort(latencies);
        lags.Sort();
        double Ms(long ticks) => ticks * 1000.0 / frequency;
        double Percentile(long[] sorted, double p) => sorted.Length == 0 ? double.NaN : Ms(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);
        var lagArray = lags.ToArray();
        return new LoadResult(rate, sentMeasured / duration.TotalSeconds, latencies.Length / duration.TotalSeconds,
            Interlocked.Read(ref _completedOk), Interlocked.Read(ref _non2xx), Interlocked.Read(ref _failed), Interlocked.Read(ref _queued), Interlocked.Read(ref _inFlight),
            Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), Percentile(latencies, 0.999),
            latencies.Length == 0 ? double.NaN : Ms(latencies[^1]), Percentile(lagArray, 0.99), cpu, duration);
    }

    // Sends now on a free connection, or waits for the next one to free up (that wait counts in the latency).
    void Dispatch(long scheduled)
    {
        HttpConnection? connection = null;
        lock (_gate)
        {
            if (_free.Count > 0) connection = _free.Pop();
            else
            {
                _waiting.Enqueue(scheduled);
                if (scheduled >= _measureFrom) _queued++;
            }
        }
        if (connection is null) return;
        Interlocked.Increment(ref _inFlight);
        connection.Send(scheduled);
    }

    void OnCompleted(HttpConnection connection, long scheduled, int status)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Decrement(ref _inFlight);
        var measured = scheduled >= Volatile.Read(ref _measureFrom);
        if (status == 0)
        {
            if (measured) Interlocked.Increment(ref _failed);
            connection.Close(); // a broken connection is not reused: the load goes on with the others
            return;
        }
        if (measured)
        {
            if (status is >= 200 and < 300) Interlocked.Increment(ref _completedOk);
            else Interlocked.Increment(ref _non2xx);
            var index = Interlocked.Increment(ref _recorded) - 1;
            if (index < _latencies.Length) _latencies[index] = now - scheduled;
        }
        long next;
        lock (_gate)
        {
            if (!_waiting.TryDequeue(out next))
            {
                _free.Push(connection);
                return;
            }
        }
        Interlocked.Increment(ref _inFlight);
        connection.Send(next);
    }

    [StructLayout(LayoutKind.Sequential)]
    struct Timespec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", SetLastError = false)]
    static extern int nanosleep(ref Timespec request, IntPtr remaining);

    // Thread.Sleep sleeps whole milliseconds; at 18,000 requests/s the gap between two is 55 µs.
    static void Sleep(double seconds)
    {
        var nanoseconds = (long)(seconds * 1e9);
        var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        nanosleep(ref request, IntPtr.Zero);
    }
}

/// <summary>What one run measured (latencies in milliseconds, from the scheduled send time).</summary>
sealed record LoadResult(double TargetRate, double SentRate, double AchievedRate, long Ok, long Non2xx, long Failed, long Queued, long Unanswered,
    double P50, double P90, double P99, double P999, double Max, double PacingLagP99, TimeSpan ClientCpu, TimeSpan Duration);
