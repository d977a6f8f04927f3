using Pipeline.Data.Loading;
using Pipeline.Data.Randomness;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Splitting;

/// <summary>
/// Deterministic train/test and k-fold splits, stratified on the label: each class is shuffled with our own
/// generator (<see cref="Xoshiro256StarStar"/>, identical on every machine) and divided separately, so both sides
/// keep the class balance. Returned indices are sorted.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>Splits by the spec's test fraction and seed, stratified unless the spec says otherwise.</summary>
    public static (int[] Train, int[] Test) Split(Dataset data, DatasetSpec spec)
    {
        if (spec.Split.OrderBy is { } orderBy)
            return ByOrder(Order(data, spec.FindColumn(orderBy)!), spec.Split.TestFraction);
        var labels = spec.Split.Stratified ? data.Boolean(spec.Label) : new bool[data.RowCount];
        return Split(labels, spec.Split.TestFraction, spec.Split.Seed);
    }

    /// <summary>Splits row indices 0..labels.Length-1, holding out <paramref name="testFraction"/> of each class.</summary>
    public static (int[] Train, int[] Test) Split(bool[] labels, double testFraction, ulong seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be strictly between 0 and 1.");
        var random = new Xoshiro256StarStar(seed);
        var held = new bool[labels.Length];
        var testRows = 0;
        foreach (var members in Classes(labels))
        {
            random.Shuffle(members);
            var testCount = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            for (var i = 0; i < testCount; i++) held[members[i]] = true;
            testRows += testCount;
        }
        // Both sides in ascending order by one pass over the rows (a sort of a million indices costs ten times more).
        var train = new int[labels.Length - testRows];
        var test = new int[testRows];
        int nextTrain = 0, nextTest = 0;
        for (var row = 0; row < held.Length; row++)
        {
            if (held[row]) test[nextTest++] = row;
            else train[nextTrain++] = row;
        }
        return (train, test);
    }

    /// <summary>
    /// A split by time: <paramref name="order"/> lists the rows from earliest to latest, and the last
    /// <paramref name="testFraction"/> of them (rounded) is the test set. Returned indices are sorted.
    /// </summary>
    public static (int[] Train, int[] Test) ByOrder(int[] order, double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be strictly between 0 and 1.");
        var testCount = (int)Math.Round(order.Length * testFraction, MidpointRounding.AwayFromZero);
        var train = order[..^testCount];
        var test = order[^testCount..];
        Array.Sort(train);
        Array.Sort(test);
        return (train, test);
    }

    // The rows in the column's order, ties by row index (a stable sort).
    private static int[] Order(Dataset data, ColumnSpec column)
    {
        var rows = Enumerable.Range(0, data.RowCount);
        switch (column.ValueType)
        {
            case ColumnValueType.Numeric:
                var numbers = data.Numeric(column.Name);
                return rows.OrderBy(i => numbers[i]).ToArray();
            case ColumnValueType.Boolean:
                var flags = data.Boolean(column.Name);
                return rows.OrderBy(i => flags[i]).ToArray();
            default:
                var text = data.Text(column.Name);
                return rows.OrderBy(i => text[i], StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>
    /// Stratified k-fold: every row is in exactly one validation fold; each class is dealt round-robin over the folds
    /// after a seeded shuffle.
    /// </summary>
    public static IReadOnlyList<(int[] Train, int[] Validation)> KFold(bool[] labels, int k, int seed)
    {
        if (k < 2 || k > labels.Length)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 2 and the number of rows ({labels.Length}).");
        var random = new Xoshiro256StarStar(unchecked((ulong)seed));
        var foldOf = new int[labels.Length];
        var next = 0;
        foreach (var members in Classes(labels))
        {
            random.Shuffle(members);
            foreach (var index in members)
                foldOf[index] = next++ % k; // continuing the count across classes keeps fold sizes within one
        }
        var folds = new List<(int[], int[])>(k);
        for (var f = 0; f < k; f++)
        {
            var fold = f;
            folds.Add((
                Enumerable.Range(0, labels.Length).Where(i => foldOf[i] != fold).ToArray(),
                Enumerable.Range(0, labels.Length).Where(i => foldOf[i] == fold).ToArray()));
        }
        return folds;
    }

    // Negatives first, then positives: a fixed order so the shuffles consume the generator identically everywhere.
    private static IEnumerable<int[]> Classes(bool[] labels)
    {
        yield return Enumerable.Range(0, labels.Length).Where(i => !labels[i]).ToArray();
        yield return Enumerable.Range(0, labels.Length).Where(i => labels[i]).ToArray();
    }
}
