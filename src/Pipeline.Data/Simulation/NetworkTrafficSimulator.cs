using Pipeline.Data.Randomness;

namespace Pipeline.Data.Simulation;

/// <summary>
/// Generates connection records of a small network (data/README.md describes the process): normal traffic is a
/// Poisson stream of connections (10 per second) to 40 internal servers of Zipf popularity, with a service mix and
/// per-service sizes and durations; interleaved with it, episodes start at random — benign bursts (a flash crowd on
/// one web server, a monitoring sweep over services) and attacks: SYN floods (DoS), port scans (probe), password
/// guessing and data exfiltration, each fast or slow, loud or stealthy. Count and rate features are computed over
/// the last 2 seconds and the last 100 connections. The multi-class <c>attack</c> column names the family
/// (<c>normal</c> for benign traffic); <c>difficulty</c> (0–21) is how many of 21 imaginary classifiers got the
/// row right, as in NSL-KDD — computed from the labels, so not a feature. Rows are produced one at a time (any row
/// count in constant memory) and depend only on the seed and the scenario.
/// </summary>
public sealed class NetworkTrafficSimulator
{
    /// <summary>The simulator kind named in specs.</summary>
    public const string Kind = "network-traffic";

    /// <summary>The services, in the order of their shares of normal traffic.</summary>
    public static IReadOnlyList<string> Services { get; } =
        ["http", "https", "dns", "smtp", "ftp", "ftp_data", "ssh", "telnet", "pop3", "ntp", "ecr_i", "eco_i", "private", "other"];

    private static readonly double[] NormalShares = [0.30, 0.25, 0.15, 0.05, 0.02, 0.04, 0.04, 0.005, 0.02, 0.03, 0.01, 0.01, 0.02, 0.055];

    // Per service: median source and destination bytes with their log-normal spread, median duration (s) with its
    // spread, and the share of connections over within a second (duration 0).
    private static readonly (double Src, double SrcSd, double Dst, double DstSd, double Duration, double DurationSd, double Instant)[] Sizes =
    [
        (350, 0.5, 6000, 1.4, 1, 1, 0.7),     // http
        (700, 0.6, 9000, 1.5, 2, 1, 0.5),     // https
        (45, 0.2, 140, 0.4, 0, 0, 1),         // dns
        (2500, 1.2, 350, 0.3, 1, 1, 0.5),     // smtp
        (300, 0.5, 900, 0.6, 30, 1, 0.1),     // ftp
        (500, 1.5, 30000, 2.0, 3, 1, 0.3),    // ftp_data
        (2500, 1.3, 4000, 1.5, 120, 1.5, 0.05), // ssh
        (400, 1.0, 3000, 1.2, 300, 1, 0.05),  // telnet
        (150, 0.4, 8000, 1.5, 2, 1, 0.3),     // pop3
        (48, 0, 48, 0, 0, 0, 1),              // ntp
        (30, 0.5, 0, 0, 0, 0, 1),             // ecr_i
        (20, 0.5, 0, 0, 0, 0, 1),             // eco_i
        (100, 1.5, 100, 1.5, 1, 1, 0.6),      // private
        (300, 1.5, 500, 1.5, 5, 1, 0.5),      // other
    ];

    private const int Http = 0, Https = 1, Dns = 2, Smtp = 3, Ftp = 4, FtpData = 5, Ssh = 6, Telnet = 7, Pop3 = 8, Private = 12, Other = 13, EchoReply = 10;
    private const int InternalHosts = 40;
    private const int ExternalHosts = 40; // hosts 40..79: outside the network, rarely contacted
    private const double NormalRate = 10;
    private const double MeanSecondsBetweenEpisodes = 5;
    private const double BenignEpisodeShare = 0.35;

    private readonly long _rows;
    private readonly ulong _seed;

    /// <summary>Creates a simulator of <paramref name="rows"/> connections.</summary>
    public NetworkTrafficSimulator(long rows, ulong seed, DriftScenario? scenario = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        _rows = rows;
        _seed = seed;
        Scenario = scenario ?? DriftScenario.None;
    }

    /// <summary>The drift scenario applied.</summary>
    public DriftScenario Scenario { get; }

    /// <summary><c>network-traffic simulator(rows=…, seed=…, scenario=…)</c>.</summary>
    public string Description => $"network-traffic simulator(rows={_rows}, seed={_seed}, scenario={Scenario})";

    /// <summary>The records, generated lazily.</summary>
    public IEnumerable<NetworkConnection> Records()
    {
        var random = new Xoshiro256StarStar(_seed);
        var drift = new ActiveDrift(Scenario, _rows);
        var window = new TrafficWindow();
        var hostPopularity = ZipfCumulative(InternalHosts, 1.1);
        var normalTime = Exponential(random, NormalRate);
        var episodeTime = Exponential(random, 1 / MeanSecondsBetweenEpisodes);
        Episode? episode = null;
        for (long i = 0; i < _rows; i++)
        {
            drift.MoveTo(i);
            Draft draft;
            double time;
            if (episodeTime < normalTime)
            {
                episode ??= StartEpisode(random, drift, hostPopularity);
                time = episodeTime;
                draft = episode.Next(random, this, drift, hostPopularity);
                if (--episode.Remaining > 0)
                    episodeTime += Exponential(random, episode.Rate);
                else
                {
                    episode = null;
                    episodeTime += Exponential(random, 1 / MeanSecondsBetweenEpisodes);
                }
            }
            else
            {
                time = normalTime;
                draft = Normal(random, drift, hostPopularity, null, null);
                normalTime += Exponential(random, NormalRate);
            }
            if (drift.OutageService == draft.Service)
                draft = Outage(random, draft);
            var synError = draft.Flag is "S0" or "SH";
            var w = window.Observe(time, draft.Host, draft.Service, synError, draft.Flag == "REJ");
            var difficulty = 0;
            for (var k = 0; k < 21; k++)
                if (random.NextDouble() < draft.CorrectShare) difficulty++;
            yield return new NetworkConnection(i + 1, draft.Duration, ProtocolOf(draft.Service), Services[draft.Service], draft.Flag,
                draft.SourceBytes, draft.DestinationBytes, draft.FailedLogins, draft.LoggedIn, draft.RootShell,
                w.Count, w.ServiceCount, w.SynErrorRate, w.RejectErrorRate, w.SameServiceRate,
                w.HostCount, w.HostServiceCount, w.HostSameServiceRate, w.HostSynErrorRate, draft.Attack, difficulty);
        }
    }

    /// <summary>What one connection was, before the window's counts are added.</summary>
    private sealed record Draft(int Host, int Service, string Flag, long Duration, long SourceBytes, long DestinationBytes,
        int FailedLogins, bool LoggedIn, bool RootShell, string Attack, double CorrectShare);

    private static string ProtocolOf(int service) => service switch
    {
        Dns or 9 => "udp",
        EchoReply or 11 => "icmp",
        _ => "tcp",
    };

    private static bool IsLoginService(int service) => service is Ftp or Ssh or Telnet or Pop3;

    // The service's servers are down: whatever the connection was, it is rejected or unanswered and carries no bytes.
    private static Draft Outage(Xoshiro256StarStar random, Draft draft) => draft with
    {
        Flag = ProtocolOf(draft.Service) == "tcp" ? (random.NextDouble() < 0.7 ? "REJ" : "S0") : "SF",
        Duration = 0, SourceBytes = ProtocolOf(draft.Service) == "tcp" ? 0 : draft.SourceBytes, DestinationBytes = 0,
        FailedLogins = 0, LoggedIn = false, RootShell = false,
    };

    // A normal connection; a flash crowd passes its host and service.
    private static Draft Normal(Xoshiro256StarStar random, ActiveDrift drift, double[] hostPopularity, int? host, int? service)
    {
        var s = service ?? Pick(random, drift.ServiceShares);
        var h = host ?? Pick(random, hostPopularity);
        var tcp = ProtocolOf(s) == "tcp";
        var flag = tcp ? PickFlag(random, ("SF", 0.94), ("S0", 0.015), ("REJ", 0.025), ("RSTO", 0.008), ("RSTR", 0.007), ("SH", 0.002), ("S1", 0.003)) : "SF";
        var correct = 0.97;
        var size = Sizes[s];
        long duration = 0, src = 0, dst = 0;
        int failed = 0;
        bool loggedIn = false, root = false;
        if (flag is "S0" or "REJ" or "SH")
            correct = 0.85;
        else
        {
            src = LogNormal(random, size.Src, size.SrcSd);
            dst = flag == "RSTO" ? LogNormal(random, size.Dst / 10, size.DstSd) : LogNormal(random, size.Dst, size.DstSd);
            duration = random.NextDouble() < size.Instant ? 0 : LogNormal(random, size.Duration, size.DurationSd);
            if (s is Https or FtpData or Ssh or Ftp && random.NextDouble() < 0.015)
            {
                // A backup or an upload: what exfiltration looks like, but to an internal server.
                src = LogNormal(random, 2e7, 1.2);
                duration = LogNormal(random, 200, 1);
                correct = 0.7;
            }
            if (IsLoginService(s))
            {
                var u = random.NextDouble();
                failed = u < 0.93 ? 0 : u < 0.98 ? 1 : u < 0.995 ? 2 : 3;
                loggedIn = random.NextDouble() < 0.92;
                root = loggedIn && s is Ssh or Telnet && random.NextDouble() < 0.03;
                if (failed > 0) correct = 0.8;
            }
            else
                loggedIn = s is Http or Https ? random.NextDouble() < 0.6 : s == Smtp && random.NextDouble() < 0.2;
        }
        return new Draft(h, s, flag, duration, src, dst, failed, loggedIn, root, "normal", correct);
    }

    private static Episode StartEpisode(Xoshiro256StarStar random, ActiveDrift drift, double[] hostPopularity)
    {
        var victim = Pick(random, hostPopularity);
        if (random.NextDouble() < BenignEpisodeShare)
        {
            var b = random.NextDouble();
            return b < 0.5
                ? new Episode("flash_crowd", Uniform(random, 20, 150), Uniform(random, 40, 200), victim, random.NextDouble() < 0.5 ? Http : Https, false)
                : b < 0.8
                    ? new Episode("monitoring_sweep", Uniform(random, 10, 40), Uniform(random, 1, 10), victim, 0, false)
                    : new Episode("retry_storm", Uniform(random, 20, 100), Uniform(random, 2, 20), victim, PickIndex(random, [(Http, 0.4), (Https, 0.3), (Smtp, 0.1), (Private, 0.2)]), false);
        }
        if (random.NextDouble() < drift.NewFamilyShare)
            return new Episode("icmp_flood", Uniform(random, 50, 300), Uniform(random, 100, 600), victim, EchoReply, false);
        var u = random.NextDouble();
        if (u < 0.30)
        {
            var slow = random.NextDouble() < 0.35;
            var service = PickIndex(random, [(Http, 0.5), (Private, 0.3), (Other, 0.1), (Smtp, 0.1)]);
            return new Episode("syn_flood", Uniform(random, 30, 250), slow ? Uniform(random, 1, 8) : Uniform(random, 60, 400), victim, service, slow);
        }
        if (u < 0.55)
        {
            var slow = random.NextDouble() < 0.5;
            return new Episode("port_scan", Uniform(random, 15, 150), slow ? Uniform(random, 0.3, 2) : Uniform(random, 30, 200), victim, 0, slow);
        }
        if (u < 0.80)
        {
            var service = PickIndex(random, [(Ssh, 0.5), (Telnet, 0.15), (Ftp, 0.2), (Pop3, 0.15)]);
            return new Episode("password_guessing", Uniform(random, 10, 80), Uniform(random, 0.3, 3), random.NextInt(10), service, false);
        }
        var external = InternalHosts + random.NextInt(ExternalHosts);
        return random.NextDouble() < 0.6
            ? new Episode("data_exfiltration", Uniform(random, 1, 6), Uniform(random, 0.02, 0.2), external, PickIndex(random, [(Https, 0.5), (Ssh, 0.25), (FtpData, 0.25)]), false)
            : new Episode("data_exfiltration", Uniform(random, 20, 120), Uniform(random, 1, 6), external, Dns, true);
    }

    /// <summary>A run of connections of one family: how many remain, their rate, target and manner.</summary>
    private sealed class Episode(string family, double length, double rate, int host, int service, bool slow)
    {
        private readonly int[] _sweepServices = [Http, Https, Smtp, Ftp, Ssh, Dns, Pop3, Other];

        public long Remaining { get; set; } = Math.Max(1, (long)length);
        public double Rate { get; } = rate;

        public Draft Next(Xoshiro256StarStar random, NetworkTrafficSimulator _, ActiveDrift drift, double[] hostPopularity)
        {
            // Attackers also make ordinary connections (browsing the victim, checking a shell): these carry the attack's
            // label but look like normal traffic except for their neighbours in the window.
            if (Camouflage(family) is var share && share > 0 && random.NextDouble() < share)
                return Normal(random, drift, hostPopularity, host, null) with { Attack = family, CorrectShare = 0.4 };
            switch (family)
            {
                case "flash_crowd":
                    return Normal(random, drift, hostPopularity, host, service) with { CorrectShare = 0.8 };
                case "monitoring_sweep":
                {
                    var s = _sweepServices[random.NextInt(_sweepServices.Length)];
                    var open = ProtocolOf(s) != "tcp" || random.NextDouble() < 0.6;
                    return new Draft(host, s, open ? "SF" : "REJ", 0, open ? Uniform(random, 10, 60) : 0, open ? Uniform(random, 10, 200) : 0,
                        0, false, false, "normal", 0.6);
                }
                case "retry_storm": // a client retrying a server that does not answer: looks like a slow SYN flood
                {
                    var flag = PickFlag(random, ("S0", 0.8), ("SH", 0.1), ("REJ", 0.1));
                    return new Draft(host, service, flag, 0, 0, 0, 0, false, false, "normal", 0.5);
                }
                case "icmp_flood":
                    return new Draft(host, EchoReply, "SF", 0, random.NextDouble() < 0.8 ? 1032 : 520, 0, 0, false, false, family, 0.97);
                case "syn_flood":
                {
                    var flag = PickFlag(random, ("S0", 0.85), ("REJ", 0.08), ("SH", 0.04), ("SF", 0.03));
                    return new Draft(host, service, flag, 0, flag == "SF" ? Uniform(random, 0, 50) : 0, 0, 0, false, false, family, slow ? 0.8 : 0.97);
                }
                case "port_scan":
                {
                    var u = random.NextDouble();
                    var s = u < 0.4 ? Private : u < 0.6 ? Other : PickTcpService(random);
                    var flag = PickFlag(random, ("REJ", 0.5), ("S0", 0.25), ("SF", 0.12), ("RSTO", 0.08), ("RSTR", 0.05));
                    return new Draft(host, s, flag, 0, 0, flag == "SF" ? Uniform(random, 0, 200) : 0, 0, false, false, family, slow ? 0.65 : 0.95);
                }
                case "password_guessing":
                {
                    var flag = random.NextDouble() < 0.9 ? "SF" : "RSTO";
                    var u = random.NextDouble();
                    var failed = u < 0.15 ? 0 : u < 0.6 ? 1 : u < 0.85 ? 2 : u < 0.95 ? 3 : 4;
                    var success = Remaining == 1 && random.NextDouble() < 0.3;
                    return new Draft(host, service, flag, LogNormal(random, 2, 0.6), LogNormal(random, 200, 0.4), LogNormal(random, 400, 0.4),
                        success ? 0 : failed, success, success && random.NextDouble() < 0.25, family, 0.75);
                }
                default: // data_exfiltration: bulk uploads, or many DNS queries carrying data (slow = tunnel)
                    if (slow)
                        return new Draft(host, Dns, "SF", 0, LogNormal(random, 220, 0.5), LogNormal(random, 180, 0.4), 0, false, false, family, 0.7);
                    var loggedIn = service != Https || random.NextDouble() < 0.6;
                    return new Draft(host, service, "SF", LogNormal(random, 300, 1), LogNormal(random, 3e7, 1.3), LogNormal(random, 4000, 1),
                        0, loggedIn, loggedIn && random.NextDouble() < 0.1, family, 0.6);
            }
        }
    }

    private static double Camouflage(string family) => family switch
    {
        "syn_flood" => 0.05,
        "port_scan" => 0.10,
        "password_guessing" => 0.25,
        "data_exfiltration" => 0.30,
        _ => 0,
    };

    private static int PickTcpService(Xoshiro256StarStar random)
    {
        int s;
        do s = random.NextInt(Services.Count);
        while (ProtocolOf(s) != "tcp");
        return s;
    }

    private static double Exponential(Xoshiro256StarStar random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;

    private static double Uniform(Xoshiro256StarStar random, double low, double high) => low + (high - low) * random.NextDouble();

    private static long Uniform(Xoshiro256StarStar random, long low, long high) => low + random.NextInt((int)(high - low + 1));

    private static long LogNormal(Xoshiro256StarStar random, double median, double sd) =>
        median <= 0 ? 0 : (long)Math.Round(median * Math.Exp(sd * random.NextGaussian()));

    private static string PickFlag(Xoshiro256StarStar random, params (string Flag, double Share)[] flags)
    {
        var u = random.NextDouble();
        foreach (var (flag, share) in flags)
        {
            if (u < share) return flag;
            u -= share;
        }
        return flags[^1].Flag;
    }

    private static int PickIndex(Xoshiro256StarStar random, (int Index, double Share)[] choices)
    {
        var u = random.NextDouble();
        foreach (var (index, share) in choices)
        {
            if (u < share) return index;
            u -= share;
        }
        return choices[^1].Index;
    }

    // Picks an index by cumulative shares (the last entry is 1).
    private static int Pick(Xoshiro256StarStar random, double[] cumulative)
    {
        var u = random.NextDouble();
        for (var i = 0; i < cumulative.Length; i++)
            if (u < cumulative[i]) return i;
        return cumulative.Length - 1;
    }

    private static double[] ZipfCumulative(int n, double exponent)
    {
        var weights = Enumerable.Range(1, n).Select(k => 1 / Math.Pow(k, exponent)).ToArray();
        return Cumulative(weights);
    }

    private static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var cumulative = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            cumulative[i] = sum / total;
        }
        cumulative[^1] = 1;
        return cumulative;
    }

    /// <summary>The scenario's effects as they stand at the current row.</summary>
    private sealed class ActiveDrift(DriftScenario scenario, long rows)
    {
        public double[] ServiceShares { get; private set; } = Cumulative(NormalShares);
        public double NewFamilyShare { get; private set; }
        public int? OutageService { get; private set; }

        public void MoveTo(long row)
        {
            foreach (var effect in scenario.Effects)
            {
                if (row != (long)Math.Floor(effect.Start * rows)) continue; // effects switch on once, at their start row
                switch (effect.Name)
                {
                    case "new-attack-family": NewFamilyShare = effect.Number("share"); break;
                    case "traffic-mix-shift": ServiceShares = Cumulative(Shifted(effect)); break;
                    case "service-outage": OutageService = Services.ToList().IndexOf(effect.Parameters["service"]); break;
                }
            }
        }

        private static double[] Shifted(DriftEffect effect)
        {
            var shares = NormalShares.ToArray();
            var (http, https, dns) = (effect.Number("http"), effect.Number("https"), effect.Number("dns"));
            var rest = 1 - NormalShares[Http] - NormalShares[Https] - NormalShares[Dns];
            for (var i = 0; i < shares.Length; i++) shares[i] *= (1 - http - https - dns) / rest;
            (shares[Http], shares[Https], shares[Dns]) = (http, https, dns);
            return shares;
        }
    }
}
