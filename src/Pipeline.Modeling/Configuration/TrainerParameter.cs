using System.Globalization;

namespace Pipeline.Modeling.Configuration;

/// <summary>One hyperparameter a trainer accepts: its name in configuration, its default and its valid range.</summary>
public sealed record TrainerParameter(string Name, double Default, double Minimum, bool MinimumExclusive, double Maximum, bool IsInteger)
{
    /// <summary>Returns null when <paramref name="value"/> is valid, else the sentence saying what was expected.</summary>
    public string? Check(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return "must be a finite number";
        if (IsInteger && value != Math.Floor(value)) return "must be a whole number";
        if (MinimumExclusive ? value <= Minimum : value < Minimum)
            return $"must be {(MinimumExclusive ? "greater than" : "at least")} {Format(Minimum)}";
        if (value > Maximum) return $"must be at most {Format(Maximum)}";
        return null;
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
