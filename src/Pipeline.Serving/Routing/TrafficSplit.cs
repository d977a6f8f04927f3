using System.Text;

namespace Pipeline.Serving.Routing;

/// <summary>
/// Splits requests between the champion and the canaries by their percents, in basis points (1/100 of a percent).
/// A request with a routing key lands in the bucket of the key's stable hash (FNV-1a, the same in every process and
/// on every replica, unlike <see cref="string.GetHashCode()"/>), so one key is always answered by the same version;
/// a request without a key lands in a random bucket.
/// </summary>
public sealed class TrafficSplit
{
    /// <summary>Buckets the traffic is cut into: a percent is exact to two decimals.</summary>
    public const int Buckets = 10_000;

    private readonly int[] _upperBounds;

    /// <summary>A split giving canary <c>i</c> <paramref name="canaryPercents"/>[i] % of the traffic; the champion gets the rest.</summary>
    /// <exception cref="ArgumentException">A percent is outside 0–100 or they add up to more than 100.</exception>
    public TrafficSplit(IReadOnlyList<double> canaryPercents)
    {
        _upperBounds = new int[canaryPercents.Count];
        var bound = 0;
        for (var i = 0; i < canaryPercents.Count; i++)
        {
            if (!(canaryPercents[i] is >= 0 and <= 100))
                throw new ArgumentException($"Canary {i}'s share is {canaryPercents[i]} %; expected 0 to 100.", nameof(canaryPercents));
            bound += (int)Math.Round(canaryPercents[i] * (Buckets / 100.0));
            _upperBounds[i] = bound;
        }
        if (bound > Buckets)
            throw new ArgumentException($"The canaries' shares add up to {bound / (Buckets / 100.0)} %; expected at most 100 %.", nameof(canaryPercents));
    }

    /// <summary>The canary that answers a request with <paramref name="key"/> (null or empty: no key, a random draw), or -1 for the champion.</summary>
    public int Choose(string? key) => ChooseBucket(string.IsNullOrEmpty(key) ? Random.Shared.Next(Buckets) : BucketOf(key));

    /// <summary>The canary owning <paramref name="bucket"/> (0 to <see cref="Buckets"/> − 1), or -1 for the champion.</summary>
    public int ChooseBucket(int bucket)
    {
        for (var i = 0; i < _upperBounds.Length; i++)
            if (bucket < _upperBounds[i]) return i;
        return -1;
    }

    /// <summary>The bucket of <paramref name="key"/>: FNV-1a over its UTF-8 bytes, mixed, modulo <see cref="Buckets"/>.</summary>
    public static int BucketOf(string key)
    {
        Span<byte> stack = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(key.Length) <= stack.Length ? stack[..Encoding.UTF8.GetBytes(key, stack)] : Encoding.UTF8.GetBytes(key);
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        // FNV's low bits are weak for short keys that differ in their last character: mix before taking the modulo.
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        return (int)(hash % Buckets);
    }
}
