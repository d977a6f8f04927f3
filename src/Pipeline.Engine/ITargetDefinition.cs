using System.Linq.Expressions;

namespace Pipeline.Engine;

/// <summary>
/// The fluent surface used inside a target property (<c>_ => _.Description("…").DependsOn(…).Executes(…)</c>).
/// Every method returns the definition so calls chain. Members mirror Nuke's <c>ITargetDefinition</c>.
/// </summary>
public interface ITargetDefinition
{
    /// <summary>Sets the one-line description shown by <c>--help</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>The given targets are scheduled with this one and run before it.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Like <see cref="DependsOn(Target[])"/> for targets declared in a build component interface.</summary>
    ITargetDefinition DependsOn<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>The reverse of <see cref="DependsOn(Target[])"/>: each given target depends on this one.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Like <see cref="DependentFor(Target[])"/> for targets declared in a build component interface.</summary>
    ITargetDefinition DependentFor<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>When the given targets are also scheduled, they run before this one (no scheduling implied).</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Like <see cref="After(Target[])"/> for targets declared in a build component interface.</summary>
    ITargetDefinition After<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>When the given targets are also scheduled, they run after this one (no scheduling implied).</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Like <see cref="Before(Target[])"/> for targets declared in a build component interface.</summary>
    ITargetDefinition Before<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>Whenever this target is scheduled, the given targets are scheduled too and run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Like <see cref="Triggers(Target[])"/> for targets declared in a build component interface.</summary>
    ITargetDefinition Triggers<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>The reverse of <see cref="Triggers(Target[])"/>: each given target triggers this one.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Like <see cref="TriggeredBy(Target[])"/> for targets declared in a build component interface.</summary>
    ITargetDefinition TriggeredBy<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>
    /// Conditions evaluated once, before any target runs. When one is false the target is Skipped, and so are
    /// its dependencies that no other scheduled target needs. The summary then shows the condition's source text:
    /// a target of a real build gives a reason instead (<see cref="OnlyWhenStatic(Expression{Func{bool}}, string)"/>).
    /// </summary>
    ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions);

    /// <summary>
    /// A condition evaluated once, before any target runs; when it is false the target is Skipped (with its
    /// dependencies no other scheduled target needs) and the log and summary say <paramref name="because"/>: why it
    /// was skipped, in words, naming the parameter or option that decides it (e.g. "--publish was not given").
    /// </summary>
    ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition, string because);

    /// <summary>Like <see cref="OnlyWhenStatic(Expression{Func{bool}}, string)"/> with a sentence made when the condition is found false.</summary>
    ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition, Func<string> because);

    /// <summary>
    /// Conditions evaluated right before the target would run (after its dependencies ran).
    /// When one is false the target is Skipped, and the summary shows the condition's source text.
    /// </summary>
    ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions);

    /// <summary>
    /// A condition evaluated right before the target would run; when it is false the target is Skipped, and the
    /// log and summary say <paramref name="because"/> (why it was skipped, in words) instead of the condition's text.
    /// </summary>
    ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, string because);

    /// <summary>
    /// A condition evaluated right before the target would run; when it is false the target is Skipped, and the
    /// summary gives <paramref name="because"/>'s sentence (evaluated then) instead of the condition's text.
    /// </summary>
    ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, Func<string> because);

    /// <summary>
    /// Parameters that must have a value (not null, not an empty string or array) before any target runs,
    /// e.g. <c>.Requires(() => GitHubToken)</c>. The build stops with a sentence naming the parameter.
    /// </summary>
    ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters);

    /// <summary>
    /// A parameter that must have a value before any target runs, and what it is for: the build stops (exit 2) with
    /// <paramref name="because"/> and how to give the parameter (option, environment variable, parameters file).
    /// </summary>
    ITargetDefinition Requires<T>(Expression<Func<T>> parameter, string because);

    /// <summary>Conditions that must hold before any target runs; the build stops naming the failed one's source text.</summary>
    ITargetDefinition Requires(params Expression<Func<bool>>[] conditions);

    /// <summary>
    /// A condition that must hold before any target runs; otherwise the build stops (exit 2) with
    /// <paramref name="because"/> (what is expected, in words) and the current values of the parameters the condition
    /// reads, each under its option name (e.g. "--run-ids is 2026").
    /// </summary>
    ITargetDefinition Requires(Expression<Func<bool>> condition, string because);

    /// <summary>When this target fails, targets that do not depend on it still run (the build still fails).</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even after another target failed (e.g. to collect results or clean up).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hides the target from <c>--help</c>; it can still be invoked and depended on.</summary>
    ITargetDefinition Unlisted();

    /// <summary>
    /// Declares that the target only reads (it lists, plans or prints): a build whose scheduled targets are all
    /// read-only does not take the checkout's build lock, so it neither waits for nor blocks a running build.
    /// </summary>
    ITargetDefinition ReadOnly();

    /// <summary>Adds a synchronous action; actions run in the order they were added.</summary>
    ITargetDefinition Executes(Action action);

    /// <summary>Adds an asynchronous action.</summary>
    ITargetDefinition Executes(Func<Task> action);

    /// <summary>Adds an asynchronous action that receives the build's cancellation token (cancelled by Ctrl+C).</summary>
    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    /// <summary>
    /// Input files (or directories, hashed recursively) evaluated lazily. A target declaring inputs, input values
    /// or outputs is incremental: it is reported UpToDate, and not run, when the content hashes of its inputs and
    /// values equal those of its last successful run and all its outputs still exist unchanged.
    /// </summary>
    ITargetDefinition Inputs(Func<IEnumerable<AbsolutePath>> inputs);

    /// <summary>Input values (configuration, parameters) hashed alongside the input files.</summary>
    ITargetDefinition InputValues(Func<IEnumerable<string>> values);

    /// <summary>Output files or directories the target produces; all must exist for the target to be UpToDate.</summary>
    ITargetDefinition Outputs(Func<IEnumerable<AbsolutePath>> outputs);
}
