using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// The agreement screen's learner: a category's bins are ordered by gradient ratio as Array.Sort orders them (the empty
/// bins' order aside); a model gives the same out-of-fold predictions whether its models run one after another or at
/// once on several threads.
/// </summary>
public sealed class LeakageQuickModelTests
{
    [Fact]
    public void CategoryBins_AreOrderedByGradientRatioAsArraySortOrdersThem()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 500; trial++)
        {
            var histogram = new LeakageQuickModel.Bin[LeakageQuickModel.MaxBins];
            for (var b = 0; b < histogram.Length; b++)
            {
                if (random.Next(3) == 0) continue; // empty
                // Few distinct gradients, so that equal ratios happen (a fall-back to Array.Sort).
                var count = random.Next(1, 4);
                histogram[b] = new LeakageQuickModel.Bin { Gradient = count * (random.Next(5) - 2) * 0.25, Hessian = count * 0.25, Count = count };
            }
            var ratio = histogram.Select(h => h.Gradient / (h.Hessian + 1)).ToArray();
            var order = Enumerable.Range(0, histogram.Length).ToArray();
            var (expectedRatio, expectedOrder) = (ratio.ToArray(), order.ToArray());
            Array.Sort(expectedRatio, expectedOrder);

            LeakageQuickModel.OrderByRatio(ratio, order, histogram);

            Assert.Equal(expectedRatio, ratio);
            // The same bins in the same places, but that empty bins may trade places among themselves.
            Assert.Equal(expectedOrder.Select(b => histogram[b].Count == 0 ? -1 : b), order.Select(b => histogram[b].Count == 0 ? -1 : b));
        }
    }

    [Fact]
    public void OutOfFoldPredictions_AreTheSameFromSeveralThreadsAsOneAfterAnother()
    {
        var random = new Random(9);
        const int rows = 3_000;
        var values = new[]
        {
            Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray(),
            Enumerable.Range(0, rows).Select(_ => (double)random.Next(6)).ToArray(),
            Enumerable.Range(0, rows).Select(i => i % 17 == 0 ? double.NaN : random.NextDouble() * 10).ToArray(),
        };
        var labels = Enumerable.Range(0, rows).Select(i => values[0][i] + 0.2 * values[1][i] + random.NextDouble() > 1.4).ToArray();
        bool[][] uses = [[true, true, true], [false, true, true], [true, false, true], [true, true, false]];

        var sequential = new LeakageQuickModel(values, [false, true, false], labels, rows);
        var oneAfterAnother = uses.Select(use => sequential.OutOfFold(use, 3)).ToArray();
        var concurrent = new LeakageQuickModel(values, [false, true, false], labels, rows);
        var atOnce = uses.Select(use => Task.Run(() => concurrent.OutOfFold(use, 3))).ToArray();
        Task.WaitAll(atOnce);

        for (var k = 0; k < uses.Length; k++) Assert.Equal(oneAfterAnother[k], atOnce[k].Result);
        Assert.All(oneAfterAnother, p => Assert.InRange(p.Distinct().Count(), 50, rows)); // real predictions, not a constant
    }
}
