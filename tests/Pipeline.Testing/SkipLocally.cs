using Pipeline.Engine;
using Xunit;

namespace Pipeline.Testing;

/// <summary>
/// The rule for tests that need something a laptop may lack (a Docker engine, the real data file, a POSIX system):
/// skip with the reason locally, fail with it on CI, where a skipped test would hide a break.
/// </summary>
public static class SkipLocally
{
    /// <summary>True on CI, read exactly as the build engine reads it (<see cref="NukeBuild.IsServerBuild"/>).</summary>
    public static bool OnCi => NukeBuild.IsServerBuild;

    /// <summary>Skips the calling test when <paramref name="available"/> is false; on CI throws instead, naming <paramref name="reason"/>.</summary>
    public static void Unless(bool available, string reason)
    {
        if (available) return;
        if (OnCi) throw new CiRequirementException(reason);
        Skip.If(true, reason);
    }
}

/// <summary>On CI, something a test needs is missing; the message says what and how to provide it.</summary>
public sealed class CiRequirementException(string reason)
    : Exception($"CI requires this test to run, but: {reason}");
