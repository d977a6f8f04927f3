namespace Pipeline.Engine;

/// <summary>The table printed at the end of every run: target, status, duration, and the total.</summary>
internal static class SummaryWriter
{
    public static void Write(BuildOutput output, IReadOnlyList<ExecutableTarget> plan, TimeSpan total, string verdict)
    {
        var nameWidth = Math.Max("Target".Length, plan.Count == 0 ? 0 : plan.Max(t => t.Name.Length)) + 3;
        const int statusWidth = 12;
        var rule = new string('-', nameWidth + statusWidth + 10);
        output.WriteLine();
        output.WriteLine(new string('=', rule.Length));
        output.WriteLine("Target".PadRight(nameWidth) + "Status".PadRight(statusWidth) + "Duration".PadLeft(10));
        output.WriteLine(rule);
        foreach (var target in plan)
        {
            var ran = target.Status is ExecutionStatus.Succeeded or ExecutionStatus.Failed;
            var line = target.Name.PadRight(nameWidth) + target.Status.ToString().PadRight(statusWidth) +
                       (ran ? Format(target.Duration) : "").PadLeft(10);
            if (target.Status != ExecutionStatus.Succeeded && target.Reason is not null)
                line += "   " + FirstLine(target.Reason);
            output.WriteLine(line);
        }
        output.WriteLine(rule);
        output.WriteLine("Total".PadRight(nameWidth + statusWidth) + Format(total).PadLeft(10));
        output.WriteLine(new string('=', rule.Length));
        output.WriteLine();
        output.WriteLine(verdict);
    }

    /// <summary>m:ss.fff — short, and the same width for every row.</summary>
    public static string Format(TimeSpan duration) =>
        $"{(int)duration.TotalMinutes}:{duration.Seconds:00}.{duration.Milliseconds:000}";

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(new[] { '\r', '\n' });
        return end < 0 ? text : text[..end] + " ...";
    }
}
