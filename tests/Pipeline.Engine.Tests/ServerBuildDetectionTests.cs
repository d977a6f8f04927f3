namespace Pipeline.Engine.Tests;

/// <summary>
/// Which values of the CI environment variable make a server build. The tests' SkipLocally (tests/Pipeline.Testing)
/// calls the same rule, so a test never skips on a runner where the build believes it is on CI.
/// </summary>
public sealed class ServerBuildDetectionTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("TRUE")]
    [InlineData("1")]
    public void CiSetToTrueOrOne_IsAServerBuild(string value) => Assert.True(NukeBuild.IsCiValue(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("yes")]
    [InlineData(" true")]
    public void CiUnsetOrAnyOtherValue_IsALocalBuild(string? value) => Assert.False(NukeBuild.IsCiValue(value));

}
