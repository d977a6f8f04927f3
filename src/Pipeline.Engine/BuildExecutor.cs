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
    private readonly CiHost _host;

    public BuildExecutor(BuildOutput output, IncrementalState state, bool force, CiHost? host = null)
    {
        _output = output;
        _state = state;
        _force = force;
        _host = host ?? CiHost.None;
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
                MarkSkipped(target, target.Definition.SkipReasons.TryGetValue(falseCondition, out var reason)
                    ? reason()
                    : $"condition '{ExpressionText.Of(falseCondition)}' is false");
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
    /// <param name="plan">The scheduled targets.</param>
    /// <param name="parameters">The build's parameters, to name them by their option.</param>
    /// <param name="build">The build instance, to show the values of the parameters a failed condition reads.</param>
    public static IReadOnlyList<string> UnmetRequirements(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ParameterMember> parameters, object build)
    {
        var problems = new List<string>();
        foreach (var target in plan.Where(t => t.Status != ExecutionStatus.Skipped))
            foreach (var requirement in target.Definition.Requirements.Where(r => !r.IsMet()))
            {
                var parameter = requirement.IsParameter ? parameters.FirstOrDefault(p => p.Member.Name == requirement.MemberName) : null;
                var giveIt = parameter is null ? "" : $"give it as {parameter.OptionName} <value>, the environment variable {NameForms.UpperSnake(parameter.Name)}, or in .nuke/parameters.json.";
                problems.Add((parameter, requirement.Because) switch
                {
                    (null, null) => $"Target '{target.Name}' requires '{requirement.Text}', which is not the case.",
                    (null, { } because) => $"Target '{target.Name}' cannot run: {because}{ValuesRead(requirement, parameters, build)}.",
                    ({ } p, null) => $"Target '{target.Name}' requires the parameter '{p.Name}'; {giveIt}",
                    ({ } p, { } because) => $"Target '{target.Name}' needs {p.OptionName}: {because}; {giveIt}",
                });
            }
        return problems;
    }

    // " (--run-ids is 2026)": what the user gave for each parameter a failed condition reads (a secret only as given or not).
    private static string ValuesRead(Requirement requirement, IReadOnlyList<ParameterMember> parameters, object build)
    {
        var values = requirement.MembersRead
            .Select(name => parameters.FirstOrDefault(p => p.Member.Name == name))
            .OfType<ParameterMember>()
            .Select(p => $"{p.OptionName} is {Display(p, build)}")
            .ToList();
        return values.Count == 0 ? "" : $" ({string.Join(", ", values)})";
    }

    private static string Display(ParameterMember parameter, object build)
    {
        object? value;
        try { value = parameter.GetValue(build); }
        catch (Exception) { return "unreadable"; }
        return value switch
        {
            null => "not given",
            _ when parameter.IsSecret => "given (secret)",
            string s => s.Length == 0 ? "empty" : s,
            System.Collections.IEnumerable list => list.Cast<object?>().ToList() is { Count: > 0 } items
                ? string.Join(" ", items.Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture)))
                : "empty",
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };
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
        string? inputHash = null;
        try
        {
            var falseCondition = target.Definition.DynamicConditions.FirstOrDefault(c => !c.Compile(preferInterpretation: true)());
            if (falseCondition is not null)
            {
                MarkSkipped(target, target.Definition.SkipReasons.TryGetValue(falseCondition, out var reason)
                    ? reason()
                    : $"condition '{ExpressionText.Of(falseCondition)}' is false");
                _output.WriteLine($"Skipping {target.Name}: {target.Reason}.", Verbosity.Normal);
                return;
            }

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
            if (target.Definition.IsIncremental) _state.Forget(target, inputHash);
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
