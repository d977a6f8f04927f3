using System.Diagnostics;

namespace Pipeline.Engine;

/// <summary>
/// Runs a plan: decides skips up front (--skip, static conditions), checks requirements, then runs each target
/// in order with failure, cancellation and incremental semantics, recording status and duration on each target.
/// </summary>
internal sealed class BuildExecutor
{
    private readonly BuildOutput _output;
    private readonly IncrementalState _state;
    private readonly bool _force;
    private readonly Ci.CiHost _host;

    public BuildExecutor(BuildOutput output, IncrementalState state, bool force, Ci.CiHost? host = null)
    {
        _output = output;
        _state = state;
        _force = force;
        _host = host ?? Ci.CiHost.None;
    }

    /// <summary>True when the build was cancelled while running.</summary>
    public bool WasCancelled { get; private set; }

    /// <summary>
    /// Marks targets Skipped before anything runs: those named by --skip (all non-invoked ones when
    /// <paramref name="skipAllDependencies"/>), those whose static condition is false, and dependencies that only
    /// skipped targets needed.
    /// </summary>
    public static void ApplySkips(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ExecutableTarget> invoked,
        IReadOnlyList<ExecutableTarget> skipped, bool skipAllDependencies)
    {
        foreach (var target in plan)
        {
            if (skipped.Contains(target) || (skipAllDependencies && !invoked.Contains(target)))
                MarkSkipped(target, "--skip");
        }
        foreach (var target in plan.Where(t => t.Status != ExecutionStatus.Skipped))
        {
            var falseCondition = target.Definition.StaticConditions.FirstOrDefault(c => !c.Compile(preferInterpretation: true)());
            if (falseCondition is not null)
                MarkSkipped(target, $"condition '{ExpressionText.Of(falseCondition)}' is false");
        }

        // A dependency (or triggered target) stays only while some target that will run still needs it.
        var conditionSkipped = plan.Where(t => t.Status == ExecutionStatus.Skipped && t.Reason != "--skip").ToList();
        if (conditionSkipped.Count == 0) return;
        var needed = new HashSet<ExecutableTarget>();
        void Need(ExecutableTarget target)
        {
            if (target.Status == ExecutionStatus.Skipped && target.Reason != "--skip" || !needed.Add(target)) return;
            foreach (var next in target.Dependencies.Concat(target.Triggers)) Need(next);
        }
        foreach (var target in invoked) Need(target);
        foreach (var target in plan.Where(t => t.Status != ExecutionStatus.Skipped && !needed.Contains(t)))
            MarkSkipped(target, "only skipped targets need it");
    }

    /// <summary>Unmet <c>Requires</c> clauses of targets that will run, as user-facing sentences.</summary>
    public static IReadOnlyList<string> UnmetRequirements(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ParameterMember> parameters)
    {
        var problems = new List<string>();
        foreach (var target in plan.Where(t => t.Status != ExecutionStatus.Skipped))
            foreach (var requirement in target.Definition.Requirements.Where(r => !r.IsMet()))
            {
                var parameter = requirement.IsParameter ? parameters.FirstOrDefault(p => p.Member.Name == requirement.MemberName) : null;
                problems.Add(parameter is null
                    ? $"Target '{target.Name}' requires '{requirement.Text}', which is not the case."
                    : $"Target '{target.Name}' requires the parameter '{parameter.Name}'; give it as {parameter.OptionName} <value>, " +
                      $"the environment variable {NameForms.UpperSnake(parameter.Name)}, or in .nuke/parameters.json.");
            }
        return problems;
    }

    public async Task RunAsync(IReadOnlyList<ExecutableTarget> plan, CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var target in plan)
        {
            if (target.Status == ExecutionStatus.Skipped)
            {
                _output.WriteLine($"Skipping {target.Name}: {target.Reason}.", Verbosity.Normal);
                continue;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                WasCancelled = true;
                target.Reason = "the build was cancelled";
                continue;
            }
            var brokenDependency = target.Dependencies.FirstOrDefault(d => d.Status is ExecutionStatus.Failed or ExecutionStatus.NotRun && !target.Definition.IsAssuredAfterFailure);
            if (brokenDependency is not null)
            {
                target.Reason = $"its dependency '{brokenDependency.Name}' {(brokenDependency.Status == ExecutionStatus.Failed ? "failed" : "did not run")}";
                continue;
            }
            if (failed && !target.Definition.IsAssuredAfterFailure)
            {
                target.Reason = "an earlier target failed";
                continue;
            }

            await RunTargetAsync(target, cancellationToken);
            if (target.Status == ExecutionStatus.Failed && !target.Definition.IsProceedAfterFailure) failed = true;
            if (WasCancelled) failed = true;
        }
    }

    private async Task RunTargetAsync(ExecutableTarget target, CancellationToken cancellationToken)
    {
        _output.WriteLine("", Verbosity.Minimal);
        _host.BeginTarget(_output, target.Name, Header(target.Name));
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var falseCondition = target.Definition.DynamicConditions.FirstOrDefault(c => !c.Compile(preferInterpretation: true)());
            if (falseCondition is not null)
            {
                MarkSkipped(target, $"condition '{ExpressionText.Of(falseCondition)}' is false");
                _output.WriteLine($"Skipping {target.Name}: {target.Reason}.", Verbosity.Normal);
                return;
            }

            string? inputHash = null;
            if (target.Definition.IsIncremental)
            {
                inputHash = _state.HashInputs(target.Definition);
                var reason = _force ? "--force was given" : _state.WhyNotUpToDate(target, inputHash);
                if (reason is null)
                {
                    target.Status = ExecutionStatus.UpToDate;
                    target.Reason = "inputs and outputs are unchanged since its last successful run";
                    _output.WriteLine($"{target.Name} is up to date ({target.Reason}).", Verbosity.Normal);
                    return;
                }
                _output.WriteLine($"Running {target.Name}: {reason}.", Verbosity.Verbose);
            }

            foreach (var action in target.Definition.Actions)
                await RunActionAsync(action, cancellationToken);

            target.Status = ExecutionStatus.Succeeded;
            if (inputHash is not null) _state.Record(target, inputHash);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            WasCancelled = true;
            target.Status = ExecutionStatus.Failed;
            target.Reason = "cancelled";
            _output.WriteLine($"{target.Name} was cancelled.", Verbosity.Quiet);
        }
        catch (Exception exception)
        {
            var error = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : exception;
            target.Status = ExecutionStatus.Failed;
            target.Reason = error.Message;
            if (target.Definition.IsIncremental) _state.Forget(target);
            _output.WriteLine($"error: Target '{target.Name}' failed: {error.Message}", Verbosity.Quiet);
            _output.WriteLine(error.ToString(), Verbosity.Verbose);
        }
        finally
        {
            target.Duration = stopwatch.Elapsed;
            MaskingConsoleWriter.FlushPartialLines(_output);
            _host.EndTarget(_output, target.Name);
        }
        // After the section closes, so the annotation is not folded away with the target's log.
        if (target.Status == ExecutionStatus.Failed && target.Reason is { } failure) _host.TargetFailed(_output, target.Name, failure);
    }

    /// <summary>How long a cancelled target may take to observe its token and clean up before it is abandoned.</summary>
    internal static readonly TimeSpan CancellationGracePeriod = TimeSpan.FromSeconds(2);

    private static async Task RunActionAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var running = action(cancellationToken);
        try
        {
            // WaitAsync lets Ctrl+C end the wait even when the target ignores its token.
            await running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !running.IsCompleted)
        {
            // A cooperative target gets a moment to finish its own clean-up; a stubborn one is abandoned.
            await Task.WhenAny(running, Task.Delay(CancellationGracePeriod, CancellationToken.None));
            _ = running.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            throw;
        }
    }

    private static void MarkSkipped(ExecutableTarget target, string reason)
    {
        target.Status = ExecutionStatus.Skipped;
        target.Reason = reason;
    }

    private static string Header(string name) => "=== " + name + " " + new string('=', Math.Max(3, 60 - name.Length));
}
