using Pipeline.Delivery.Deployment;
using Pipeline.Engine;

/// <summary>
/// Redeploy: after Retrain, ship the retrained version when it became production and a deployment is configured
/// (--environment), without the training chain: the image of the production version is built and deployed by the same
/// code as Containerize and Deploy. A dynamic condition decides, not Containerize's Triggers, which would schedule
/// Containerize's whole dependency chain (ValidateData, Train, Evaluate, Register) again.
/// </summary>
interface IRedeploy : IRetrain, IDeploy
{
    /// <summary>Whether --environment (or the ENVIRONMENT variable) was given: a scheduled build without it only retrains.</summary>
    bool DeploymentIsConfigured => TryGetValue(() => Environment, NotConfigured) != NotConfigured;

    /// <summary>Stands for "no --environment given" (no deploy target has this value).</summary>
    const DeployEnvironment NotConfigured = (DeployEnvironment)(-1);

    /// <summary>Why Redeploy does nothing in this run, in words; null when it ships.</summary>
    string? ReasonNotToRedeploy => State.Retrain switch
    {
        null => "Retrain did not run in this build (no drift found, or it was skipped), so there is no retrained version to ship",
        { Skipped: true } skipped => $"nothing was retrained: {skipped.Sentence}",
        { Promoted: false } lost => lost.Sentence.TrimEnd('.'),
        { } won when !DeploymentIsConfigured => $"v{won.Version} is production now, but no deployment is configured (give --environment local or kubernetes to ship it)",
        _ => null,
    };

    Target Redeploy => _ => _
        .Description("After Retrain: when the retrained version became production and --environment is given, build its image and deploy it (without the training chain)")
        .DependsOn<IRetrain>(x => x.Retrain)
        .OnlyWhenDynamic(() => ReasonNotToRedeploy == null, () => ReasonNotToRedeploy!)
        .Executes(async cancellationToken =>
        {
            Log.Information($"Redeploying: retrained v{State.Retrain!.Version} is production.");
            await BuildServedImageAsync(cancellationToken);
            await DeployImageAsync(cancellationToken);
        });
}
