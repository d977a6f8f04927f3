using System.Diagnostics;
using Pipeline.Engine;

// Modes:
//   hello            print one line and exit: the bare start-up floor of a .NET process (the peer).
//   run <root>       run the 20-target build once as a real build process would.
//   overhead <root>  time in-process runs: the first (cold: reflection + JIT) and the median of 50 warm ones.
var mode = args.Length > 0 ? args[0] : "hello";
switch (mode)
{
    case "hello":
        Console.WriteLine("hello");
        return 0;
    case "run":
        return (await RunOnce(args[1], Console.Out)).ExitCode;
    case "overhead":
        var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTime = System.Runtime.JitInfo.GetCompilationTime();
        var cold = Stopwatch.StartNew();
        var first = await RunOnce(args[1], TextWriter.Null);
        cold.Stop();
        jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods;
        jitTime = System.Runtime.JitInfo.GetCompilationTime() - jitTime;
        if (first.ExitCode != 0 || first.Targets.Count != 20)
        {
            Console.Error.WriteLine($"the bench build did not run its 20 targets (exit {first.ExitCode}, {first.Targets.Count} targets)");
            return 1;
        }
        var warm = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await RunOnce(args[1], TextWriter.Null);
            warm.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        warm.Sort();
        Console.WriteLine($"{cold.Elapsed.TotalMilliseconds:F1} {warm[warm.Count / 2]:F2} {jitMethods} {jitTime.TotalMilliseconds:F1}");
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}'; use hello, run <root> or overhead <root>");
        return 2;
}

static Task<BuildResult> RunOnce(string root, TextWriter output)
{
    var invocation = new BuildInvocation(new[] { "Deploy", "--root", root, "--seed", "7", "--columns", "Torque", "Tool wear", "--algorithm", "LightGbm" })
    {
        EnvironmentVariables = new Dictionary<string, string> { ["TOLERANCE"] = "0.02", ["TOKEN"] = "not-a-real-token" },
        Output = output,
    };
    return BuildEngine.RunAsync<TwentyTargetBuild>(invocation);
}
