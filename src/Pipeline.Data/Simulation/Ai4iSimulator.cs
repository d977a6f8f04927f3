using System.Text;
using Pipeline.Data.Randomness;

namespace Pipeline.Data.Simulation;

/// <summary>
/// Generates AI4I 2020-like data by the published generative process (Matzka 2020; see data/README.md):
/// L/M/H quality with 60/30/10 %, slowly wandering air and process temperatures, torque ~ N(40, 10) Nm,
/// rotational speed falling with torque (constant-power-like curve fitted to the real file) plus noise, tool wear
/// growing 2/3/5 min per process for L/M/H, and the five failure modes with their published thresholds. Rows are
/// produced one at a time (any row count in constant memory) and depend only on the seed and the scenario.
/// </summary>
public sealed class Ai4iSimulator
{
    /// <summary>The simulator kind named in specs.</summary>
    public const string Kind = "ai4i2020";

    // Temperatures: AR(1) processes ("random walks normalised" in the paper), made stationary so they can stream.
    private const double AirPersistence = 0.99;
    private const double AirSd = 2.0;
    private const double DifferencePersistence = 0.9;
    private const double DifferenceSd = 0.71;
    // The real file's process temperature follows the air temperature only partly (regression slope 0.649).
    private const double ProcessFollowsAir = 0.649;

    // Rotational speed given torque: least-squares fit of rpm = a + b / (torque + c) to the real file, plus noise.
    private const double SpeedBase = 858.18;
    private const double SpeedScale = 30729.87;
    private const double SpeedTorqueShift = 7.5;
    private const double SpeedNoiseSd = 50;
    // At very low torque the real speeds level off near 2870 rpm instead of following the curve up.
    private const double MaximumMeanSpeed = 2870;

    // Tool life: replaced (or failing, TWF) at a uniform wear; the paper says 200–240 min, but the real file's
    // replacements happen at 215.7 min on average (198–253), which [195, 235] matches.
    private const double ToolLifeMin = 195;
    private const double ToolLifeRange = 40;
    private const double ToolFailureShare = 0.39;
    // The published 0.1 % random failure rate gives 10 per 10,000 rows; the real file has 19.
    private const double RandomFailureRate = 0.0019;

    private readonly long _rows;
    private readonly ulong _seed;

    /// <summary>Creates a simulator of <paramref name="rows"/> processes.</summary>
    public Ai4iSimulator(long rows, ulong seed, DriftScenario? scenario = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        _rows = rows;
        _seed = seed;
        Scenario = scenario ?? DriftScenario.None;
    }

    /// <summary>The drift scenario applied.</summary>
    public DriftScenario Scenario { get; }

    /// <summary><c>simulator(rows=…, seed=…, scenario=…)</c>.</summary>
    public string Description => $"simulator(rows={_rows}, seed={_seed}, scenario={Scenario})";

    /// <summary>The records, generated lazily.</summary>
    public IEnumerable<Ai4iRecord> Records()
    {
        var random = new Xoshiro256StarStar(_seed);
        var drift = new ActiveDrift(Scenario, _rows);
        var air = AirSd * random.NextGaussian();
        var difference = DifferenceSd * random.NextGaussian();
        var wear = 0.0;
        var toolLife = ToolLifeMin + ToolLifeRange * random.NextDouble();
        double? stuckValue = null;
        double[]? previous = null;
        for (long i = 0; i < _rows; i++)
        {
            drift.MoveTo(i);
            var type = PickType(random, drift);
            air = AirPersistence * air + Math.Sqrt(1 - AirPersistence * AirPersistence) * AirSd * random.NextGaussian();
            difference = DifferencePersistence * difference
                + Math.Sqrt(1 - DifferencePersistence * DifferencePersistence) * DifferenceSd * random.NextGaussian();
            var airDeviation = air + drift.AmbientOffset;
            var airK = Round1(300 + airDeviation);
            var processK = Round1(300 + airDeviation + 10 - (1 - ProcessFollowsAir) * airDeviation + difference);
            double torque;
            do torque = 40 + 10 * random.NextGaussian();
            while (torque <= 0.5);
            torque = Round1(torque);
            var rpm = Math.Round(Math.Min(SpeedBase + SpeedScale / (torque + SpeedTorqueShift), MaximumMeanSpeed) + SpeedNoiseSd * random.NextGaussian());

            var toolWorn = wear >= toolLife;
            var twf = toolWorn && random.NextDouble() < ToolFailureShare;
            var hdf = processK - airK < 8.6 && rpm < 1380;
            var power = torque * rpm * 2 * Math.PI / 60;
            var pwf = power is < 3500 or > 9000;
            var osf = wear * torque > OverstrainLimit(type);
            var rnf = random.NextDouble() < RandomFailureRate;

            var recorded = new[] { airK, processK, rpm, Round1(torque + drift.TorqueOffset), wear };
            if (drift.StuckSensor is { } sensor)
            {
                stuckValue ??= previous?[sensor] ?? recorded[sensor];
                recorded[sensor] = stuckValue.Value;
            }
            var record = new Ai4iRecord(i + 1, type, SerialBase(type) + i + 1, recorded[0], recorded[1], recorded[2],
                recorded[3], recorded[4], twf, hdf, pwf, osf, rnf);
            previous = recorded;
            yield return record;

            if (toolWorn)
            {
                wear = 0;
                toolLife = ToolLifeMin + ToolLifeRange * random.NextDouble();
            }
            else
                wear += WearIncrement(type) * drift.WearFactor;
        }
    }

    /// <summary>Writes the CSV text (header and rows, LF line ends) to <paramref name="writer"/>.</summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write(Ai4iCsvFormat.Header);
        writer.Write('\n');
        var line = new StringBuilder(128);
        foreach (var record in Records())
        {
            line.Clear();
            Ai4iCsvFormat.AppendLine(line, record);
            writer.Write(line);
        }
    }

    private static char PickType(Xoshiro256StarStar random, ActiveDrift drift)
    {
        var u = random.NextDouble();
        return u < drift.ShareL ? 'L' : u < drift.ShareL + drift.ShareM ? 'M' : 'H';
    }

    private static double OverstrainLimit(char type) => type switch { 'L' => 11_000, 'M' => 12_000, _ => 13_000 };

    private static double WearIncrement(char type) => type switch { 'L' => 2, 'M' => 3, _ => 5 };

    // The real file's serials are a per-quality offset plus the row number (M14860 on row 1, L47181 on row 2).
    private static long SerialBase(char type) => type switch { 'L' => 47_179, 'M' => 14_859, _ => 29_413 };

    private static double Round1(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>The scenario's effects as they stand at the current row.</summary>
    private sealed class ActiveDrift(DriftScenario scenario, long rows)
    {
        public double ShareL { get; private set; } = 0.6;
        public double ShareM { get; private set; } = 0.3;
        public double AmbientOffset { get; private set; }
        public double WearFactor { get; private set; } = 1;
        public double TorqueOffset { get; private set; }
        public int? StuckSensor { get; private set; }

        public void MoveTo(long row)
        {
            foreach (var effect in scenario.Effects)
            {
                if (row < (long)Math.Floor(effect.Start * rows)) continue;
                switch (effect.Name)
                {
                    case "hot-ambient": AmbientOffset = effect.Number("kelvin"); break;
                    case "product-mix-shift": (ShareL, ShareM) = (effect.Number("l"), effect.Number("m")); break;
                    case "fast-tool-wear": WearFactor = effect.Number("factor"); break;
                    case "torque-offset": TorqueOffset = effect.Number("nm"); break;
                    case "stuck-sensor": StuckSensor = DriftScenario.Sensors.ToList().IndexOf(effect.Parameters["sensor"]); break;
                }
            }
        }
    }
}
