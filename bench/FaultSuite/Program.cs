// The fault suite (issue 16): kill -9 during registry writes, two builds at once in one checkout, the malformed CSV
// and request corpora, and the service's memory over repeated malformed passes. bench/faults.sh builds and runs it.
// Usage: FaultSuite --root <repository> --writer <RegistryWriter.dll> --build <_build.dll> --service <Pipeline.Serving.dll>
//        [--oci oci+http://127.0.0.1:<port>/<prefix>] [--kill-seconds 60] [--build-rounds 2] [--passes 30]
// With --oci (a real OCI registry, bench/faults.sh starts Debian's docker-registry), also kill -9 during pushes to
// the OCI backend and two checkouts registering into it at once. With --service-model <registry version folder>, only
// the service's memory section runs (for comparing GC and JIT settings).
using FaultSuite;

var options = SuiteOptions.Parse(args);
using var work = new WorkFolder();
var failed = false;

if (options.ServiceModel is { } servedVersion)
{
    var alone = await ServiceUnderMalformedRequests.RunAsync(options, servedVersion, work.Sub("service"));
    PrintService(alone);
    return alone.Unhandled > 0 ? 1 : 0;
}

var kills = KillRounds.Run(options, work.Sub("kill"));
Console.WriteLine($"kill -9 rounds: {kills.Rounds} run ({kills.Killed} killed while writing: {kills.Summary}; the others finished first); versions lost: {kills.Lost}, corrupt: {kills.Corrupt}, stage state unreadable: {kills.BrokenStages} (goal 0)");
failed |= kills.Lost + kills.Corrupt + kills.BrokenStages > 0;

if (options.Oci is { } oci)
{
    var ociKills = OciKillRounds.Run(options, oci, work.Sub("oci-kill"));
    Console.WriteLine($"kill -9 rounds during OCI pushes: {ociKills.Rounds} run ({ociKills.Killed} killed while pushing, {ociKills.Committed} of them after the commit step; last step seen: {ociKills.KilledAt}); versions lost: {ociKills.Lost}, corrupt: {ociKills.Corrupt}, production unreadable or missing: {ociKills.BrokenStages} (goal 0)");
    failed |= ociKills.Lost + ociKills.Corrupt + ociKills.BrokenStages > 0;

    var machines = TwoCheckoutBuilds.Run(options, oci, work.Sub("two-checkouts"));
    Console.WriteLine($"concurrent builds in two checkouts sharing {oci}: {machines.Pairs} pairs of parallel Register --force ({machines.Failed} failed); mixed artifacts: {machines.Mixed} (goal 0){machines.Details}");
    failed |= machines.Mixed + machines.Failed > 0;
}
else
    Console.WriteLine("OCI sections: not run (no --oci registry given)");

var builds = ConcurrentBuilds.Run(options, work.Sub("builds"));
Console.WriteLine($"concurrent builds: {builds.Pairs} pairs of parallel Register --force in one checkout ({builds.Waited} waited for the lock, {builds.Failed} failed); mixed artifacts: {builds.Mixed} (goal 0){builds.Details}");
failed |= builds.Mixed + builds.Failed > 0;

var csv = MalformedCsvRounds.Run(options, work.Sub("csv"));
Console.WriteLine($"malformed CSV files: {csv.Tried} tried through validation; unhandled errors: {csv.Unhandled}, accepted: {csv.Accepted} (goal 0){csv.Details}");
failed |= csv.Unhandled + csv.Accepted > 0;

if (!File.Exists(Path.Combine(builds.VersionFolder, "input-example.json")))
{
    Console.WriteLine("malformed requests: not run (the concurrent builds registered no version to serve)");
    return 1;
}
var service = await ServiceUnderMalformedRequests.RunAsync(options, builds.VersionFolder, work.Sub("service"));
PrintService(service);
failed |= service.Unhandled > 0;

return failed ? 1 : 0;

static void PrintService(ServiceResult service)
{
    Console.WriteLine($"malformed requests: {service.Requests} per pass x {service.Passes} passes; unhandled errors (5xx or dropped): {service.Unhandled} (goal 0)");
    Console.WriteLine($"service RSS ({service.GcMode}): {Mb(service.RssBefore)} before, {Mb(service.RssAfter)} after {service.Passes} passes ({Percent(service.RssBefore, service.RssAfter)}; goal < +20 %), peak {Mb(service.RssPeak)}; managed heap {Mb(service.ManagedBefore)} before, {Mb(service.ManagedAfter)} after");
}

static string Mb(long bytes) => $"{bytes / 1048576.0:F1} MB";
static string Percent(long from, long to) => $"{100.0 * (to - from) / from:+0.0;-0.0} %";
