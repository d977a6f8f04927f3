#:project ../src/Pipeline.Data/Pipeline.Data.csproj
#:property PublishAot=false
// The agreement screen's CPU cost alone (LeakageAgreementScreen.Run on the sample the validation pass keeps, at most
// 10,000 rows whatever the file's size), beside its budget: ValidateData must fit in ~1 s of CPU on 1,000,000 rows, of
// which the screen may take 100 ms. Arguments: <spec.json> <csv> [runs, default 5]. Profiles the file once, then runs
// the screen once cold (as ValidateData does) and <runs> times warm, and prints the process CPU (user + sys, all
// threads: the candidates' models run in parallel) of each, the median, and the figures by column (4 decimals, as the
// report stores them) so that two builds can be compared verdict for verdict. The screen and the profiler are internal
// and Pipeline.Data grants its internals only to its tests, so they are reached by reflection (the call costs
// microseconds). The cold run is what one validation pays (compilation included: the JIT's share is printed); the
// warm runs the steady state. Exits non-zero when nothing was screened, or when a second run's figures differ. E.g.
//   ./build.sh Simulate --simulate-rows 1000000 --simulate-output /tmp/ai4i-1m.csv
//   dotnet run bench/leakage-screen-speed.cs -- data/ai4i2020.json /tmp/ai4i-1m.csv   (tiered compilation, as ./build.sh runs)
//   DOTNET_TieredCompilation=0 dotnet run bench/leakage-screen-speed.cs -- data/ai4i2020.json /tmp/ai4i-1m.csv
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run bench/leakage-screen-speed.cs -- <spec.json> <csv> [runs]");
    return 2;
}
var c = CultureInfo.InvariantCulture;
var spec = DatasetSpec.Load(args[0]);
var runs = Math.Max(1, args.Length > 2 ? int.Parse(args[2], c) : 5);
var assembly = typeof(DataValidator).Assembly;
var profiler = assembly.GetType("Pipeline.Data.Validation.DataProfiler", throwOnError: true)!;
var profileMethod = profiler.GetMethod("Profile", [typeof(DatasetSpec), typeof(DataSource), typeof(DataSchema), typeof(bool)])!;
var screenType = assembly.GetType("Pipeline.Data.Validation.LeakageAgreementScreen", throwOnError: true)!;
var run = screenType.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;

var profile = profileMethod.Invoke(null, [spec, DataSource.FromBytes(File.ReadAllBytes(args[1]), Path.GetFullPath(args[1])), null, false])!;
var screen = profile.GetType().GetProperty("Screen")!.GetValue(profile)!;

var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
var jitMethodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
var figures = (IReadOnlyDictionary<string, LeakageAgreement>)Timed(out var coldCpu, out var coldWall);
var coldJit = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
var coldJitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore;
var warm = new List<(double Cpu, double Wall)>();
for (var r = 0; r < runs; r++)
{
    var again = (IReadOnlyDictionary<string, LeakageAgreement>)Timed(out var cpu, out var wall);
    if (!again.OrderBy(p => p.Key).SequenceEqual(figures.OrderBy(p => p.Key)))
    {
        Console.Error.WriteLine("error: the screen gave different figures on a second run (it must be deterministic)");
        return 1;
    }
    warm.Add((cpu, wall));
}

var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
Console.WriteLine($"{"column",-26} {"right|pos",9} {"right|neg",9} {"agree",7} {"model-",7} {"model",7} {"err-red",8} flagged");
foreach (var (column, m) in figures.OrderBy(p => p.Key, StringComparer.Ordinal))
    Console.WriteLine(string.Create(c, $"{column,-26} {m.CorrectAmongPositivesRocAuc,9:0.0000} {m.CorrectAmongNegativesRocAuc,9:0.0000} {m.RocAuc,7:0.0000} {m.ModelRocAucWithout,7:0.0000} {m.ModelRocAucWith,7:0.0000} {m.ErrorReduction,8:0.0000} {(m.Flags(spec.LeakageScreen.AgreementRocAuc) ? "FLAGGED" : "")}"));
if (figures.Count == 0)
{
    Console.Error.WriteLine($"error: the screen gave no figures for {args[1]} (too few rows, one class, or no candidate column)");
    return 1;
}
var median = warm.Select(w => w.Cpu).Order().ElementAt(warm.Count / 2);
Console.WriteLine(string.Create(c,
    $"agreement screen on {args[1]}: {figures.Count} columns on {figures.First().Value.Rows:N0} sampled rows; CPU cold {coldCpu:0} ms (wall {coldWall:0} ms; JIT {coldJit:0} ms for {coldJitMethods} methods), " +
    $"warm median of {runs} {median:0} ms, fastest {warm.Min(w => w.Cpu):0} ms (runs {string.Join(", ", warm.Select(w => w.Cpu.ToString("0", c)))} ms; wall median {warm.Select(w => w.Wall).Order().ElementAt(warm.Count / 2):0} ms); " +
    $"budget 100 ms; {Environment.ProcessorCount} cores, load average {load}, tiered compilation {(Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0" ? "off" : "on")}"));
return 0;

object Timed(out double cpuMs, out double wallMs)
{
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var started = Stopwatch.GetTimestamp();
    var result = run.Invoke(null, [spec, screen])!;
    wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    process.Refresh();
    cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
    return result;
}
