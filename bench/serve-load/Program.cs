using System.Globalization;
using System.Net;
using System.Text;
using ServeLoad;

// Usage: ServeLoad <url> <body.json> <rate/s> <seconds> [connections=64] [warmup seconds=2]
// Prints one line of figures; exits 3 when the achieved rate is off the target by more than 5 % (or requests failed),
// so a script cannot take an overloaded client or service for a measurement.
if (args.Length < 4)
{
    Console.Error.WriteLine("Usage: ServeLoad <url> <body.json> <requests per second> <seconds> [connections=64] [warm-up seconds=2]");
    return 2;
}
var uri = new Uri(args[0]);
var body = File.ReadAllBytes(args[1]);
var rate = double.Parse(args[2], CultureInfo.InvariantCulture);
var seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
var connections = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 64;
var warmup = args.Length > 5 ? double.Parse(args[5], CultureInfo.InvariantCulture) : 2;
var head = Encoding.ASCII.GetBytes(
    $"POST {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
var request = head.Concat(body).ToArray();
var endPoint = new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);

var result = new OpenLoopLoad(endPoint, request, rate, connections).Run(TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
var off = 100 * (result.AchievedRate - result.TargetRate) / result.TargetRate;
var cpuShare = 100 * result.ClientCpu.TotalSeconds / result.Duration.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"target {result.TargetRate:F0}/s achieved {result.AchievedRate:F0}/s ({off:+0.0;-0.0} %) ok {result.Ok} non2xx {result.Non2xx} failed {result.Failed} " +
    $"queued {result.Queued} unanswered {result.Unanswered} p50 {result.P50:F3}ms p90 {result.P90:F3}ms p99 {result.P99:F3}ms p99.9 {result.P999:F3}ms " +
    $"max {result.Max:F3}ms pacing-lag-p99 {result.PacingLagP99:F3}ms client-cpu {result.ClientCpu.TotalSeconds:F2}s ({cpuShare:F0} % of a core)"));
return Math.Abs(off) <= 5 && result.Failed == 0 && result.Unanswered == 0 ? 0 : 3;
