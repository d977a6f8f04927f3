using Pipeline.Engine;

namespace Pipeline.Build.Tests;

/// <summary>Every requirement and condition of the real build says why in words, so that no user reads a condition's source text.</summary>
public sealed class TargetReasonsTests
{
    private static NukeBuild TheBuild() =>
        (NukeBuild)Activator.CreateInstance(Type.GetType("Build, _build", throwOnError: true)!, nonPublic: true)!;

    /// <summary>The clauses a user would meet as code ("requires 'X', which is not the case") instead of a sentence.</summary>
    private static IReadOnlyList<TargetClause> WithoutAReason(NukeBuild build) =>
        TargetClauses.Of(build).Where(c => !c.HasReason).ToList();

    [Fact]
    public void EveryRequirementAndConditionOfTheBuild_GivesAReason()
    {
        var build = TheBuild();
        Assert.NotEmpty(TargetClauses.Of(build)); // the build does declare some: the check below looks at them

        var missing = WithoutAReason(build);

        Assert.True(missing.Count == 0,
            "These targets of build/ declare a requirement or condition without a reason; add because: \"…\" (the sentence a user reads, naming the option): " +
            string.Join("; ", missing.Select(c => $"{c.Target}: {c.Kind}(() => {c.Text})")));
    }

    [Fact]
    public void TheCheck_CatchesATargetWithoutAReason()
    {
        var missing = WithoutAReason(new BuildWithAnUnexplainedRequirement());

        var clause = Assert.Single(missing);
        Assert.Equal(("Compare", ClauseKind.Requires, "RunIds.Length >= 2"), (clause.Target, clause.Kind, clause.Text));
    }

    private sealed class BuildWithAnUnexplainedRequirement : NukeBuild
    {
        [Parameter("Run ids")] readonly string[] RunIds = [];
        [Parameter("Current data")] readonly string? Current;

        Target Compare => _ => _.Requires(() => RunIds.Length >= 2).Executes(() => { });
        Target Check => _ => _.Requires(() => Current, because: "it is the data to check").Executes(() => { });
    }
}
