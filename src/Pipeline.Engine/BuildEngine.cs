using System.Diagnostics;
using System.Linq.Expressions;

namespace Pipeline.Engine;

/// <summary>
/// Runs a build class: reads the command line, injects parameters, plans, executes and prints the summary.
/// <see cref="NukeBuild"/>'s <c>Execute</c> calls it with the process's arguments and console; tests call it
/// directly with a <see cref="BuildInvocation"/> to run in-process with captured output.
/// </summary>
public static class BuildEngine
{
    /// <summary>Runs a build created with its parameterless constructor.</summary>
    public static Task<BuildResult> RunAsync<T>(BuildInvocation invocation, params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new() =>
        RunAsync(invocation, () => new T(), defaultTargets);

    /// <summary>
    /// Runs the build that <paramref name="createBuild"/> returns. The factory runs after the root is known, so
    /// field initialisers may use <see cref="NukeBuild.RootDirectory"/>.
    /// </summary>
    public static async Task<BuildResult> RunAsync<T>(BuildInvocation invocation, Func<T> createBuild, params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild
    {
        var stopwatch = Stopwatch.StartNew();
        var output = new BuildOutput(invocation.Output, Verbosity.Normal);
        MaskingConsoleWriter.Install();
        IReadOnlyList<ExecutableTarget> plan = Array.Empty<ExecutableTarget>();
        try
        {
            var commandLine = CommandLine.Parse(invocation.Arguments);
            output.Verbosity = ReadVerbosity(commandLine);
            var root = ReadRoot(commandLine, invocation.WorkingDirectory);
            var context = new BuildContext(root, output);
            BuildContext.Current = context;

            var help = TakeSwitch(commandLine, EngineOptions.Help);
            var showPlan = TakeSwitch(commandLine, EngineOptions.Plan);
            context.IsForced = TakeSwitch(commandLine, EngineOptions.Force);
            var noWait = TakeSwitch(commandLine, EngineOptions.NoWait);
            var profiles = TakeNames(commandLine, EngineOptions.Profile, "profile names (--profile ci)");
            var targetOption = TakeNames(commandLine, EngineOptions.Target, "target names (--target Train Evaluate)");
            var skipOption = commandLine.Take(EngineOptions.Skip);
            var skipNames = skipOption?.TakeAll() ?? Array.Empty<string>();

            var build = createBuild();
            var environment = invocation.EnvironmentVariables ?? ProcessEnvironment();
            context.Host = CiHost.Detect(environment);
            if (context.Host != CiHost.None)
            {
                // Only a profile that exists is applied automatically: a repository without one runs as it does locally.
                if (profiles.Count == 0 && build.ContinuousIntegrationProfile is { } ciProfile && (root / ".nuke" / $"parameters.{ciProfile}.json").FileExists())
                    profiles = [ciProfile];
                output.WriteLine($"Running on {context.Host.Name}{(profiles.Count > 0 ? $" (profile {string.Join(", ", profiles)})" : "")}.", Verbosity.Minimal);
            }
            var parameters = ParameterMember.Discover(build.GetType());
            BuildSchemaWriter.Update(root, parameters);
            new ParameterSources(commandLine, invocation.EnvironmentVariables, root, profiles).Inject(build, parameters);
            var secrets = SecretValues(parameters, build).Where(s => s.Length > 0).Distinct().ToList();
            output.AddSecrets(secrets);
            context.Host.RegisterSecrets(output, secrets);
            ThrowOnUnknownOptions(commandLine, parameters);

            var graph = TargetGraph.Discover(build);
            context.Graph = graph;
            var named = commandLine.PositionalWords().Concat(targetOption).ToList();
            var invoked = ExecutionPlanner.Resolve(graph, named.Count > 0 ? named : defaultTargets.Select(MemberName));
            if (invoked.Count == 0 && !help)
                throw new BuildDefinitionException("No target was named and the build has no default target; name one (see --help).");
            context.InvokedTargets = invoked.Select(t => t.Name).ToList();

            if (help)
            {
                HelpWriter.Write(output, graph, ExecutionPlanner.Resolve(graph, defaultTargets.Select(MemberName)), parameters, build);
                return new BuildResult(ExitCode.Success, Array.Empty<TargetOutcome>());
            }

            plan = ExecutionPlanner.Plan(graph, invoked);
            var skipped = ExecutionPlanner.Resolve(graph, skipNames, "target in --skip");
            BuildExecutor.ApplySkips(plan, invoked, skipped, skipAllDependencies: skipOption is not null && skipNames.Count == 0);

            if (showPlan)
            {
                PlanWriter.Write(output, graph, plan, $"Execution plan for {string.Join(", ", invoked.Select(t => t.Name))}:", root);
                return new BuildResult(ExitCode.Success, Outcomes(plan));
            }

            var unmet = BuildExecutor.UnmetRequirements(plan, parameters, build);
            if (unmet.Count > 0)
            {
                foreach (var problem in unmet) output.WriteLine("error: " + problem);
                foreach (var target in plan) target.Reason = "requirements are not met";
                return new BuildResult(ExitCode.InvalidInvocation, Outcomes(plan));
            }

            // A build that writes (artifacts/, .nuke/state/, the registry) holds the checkout's lock for its whole run;
            // one whose scheduled targets are all read-only (listing, planning) neither waits nor blocks.
            using var buildLock = plan.Any(t => t.Status != ExecutionStatus.Skipped && !t.Definition.IsReadOnly)
                ? await BuildLock.AcquireAsync(root, wait: !noWait, output, invocation.CancellationToken)
                : null;
            var executor = new BuildExecutor(output, new IncrementalState(root), context.IsForced, context.Host);
            await executor.RunAsync(plan, invocation.CancellationToken);
            MaskingConsoleWriter.FlushPartialLines(output);

            var exitCode = executor.WasCancelled ? ExitCode.Cancelled
                : plan.Any(t => t.Status == ExecutionStatus.Failed) ? ExitCode.TargetFailed
                : ExitCode.Success;
            var verdict = exitCode switch
            {
                ExitCode.Cancelled => "Build cancelled.",
                ExitCode.TargetFailed => "Build failed: " + string.Join(", ", plan.Where(t => t.Status == ExecutionStatus.Failed)) + ".",
                _ => "Build succeeded.",
            };
            SummaryWriter.Write(output, plan, stopwatch.Elapsed, verdict);
            context.Host.PublishSummary(output, plan, stopwatch.Elapsed, verdict);
            return new BuildResult(exitCode, Outcomes(plan));
        }
        catch (BuildLockedException e)
        {
            output.WriteLine("error: " + e.Message);
            return new BuildResult(ExitCode.TargetFailed, Outcomes(plan));
        }
        catch (OperationCanceledException) when (invocation.CancellationToken.IsCancellationRequested)
        {
            // Cancelled while waiting for another build's lock: nothing ran.
            output.WriteLine("Build cancelled while waiting for the build lock.");
            return new BuildResult(ExitCode.Cancelled, Outcomes(plan));
        }
        catch (BuildDefinitionException e)
        {
            output.WriteLine("error: " + e.Message);
            return new BuildResult(ExitCode.InvalidInvocation, Outcomes(plan));
        }
        catch (Exception e) when (e is System.Reflection.TargetInvocationException { InnerException: not null } or TypeInitializationException { InnerException: not null })
        {
            // A build constructor, parameter property or target property threw while being read.
            var inner = e.GetBaseException();
            output.WriteLine("error: The build class could not be set up: " + inner.Message);
            output.WriteLine(inner.ToString(), Verbosity.Verbose);
            return new BuildResult(ExitCode.InvalidInvocation, Outcomes(plan));
        }
        catch (Exception e)
        {
            // Anything else (a target definition that throws, an unwritable artifacts folder): a sentence, and the
            // stack trace only when asked for.
            output.WriteLine("error: " + e.Message);
            output.WriteLine(e.ToString(), Verbosity.Verbose);
            return new BuildResult(ExitCode.TargetFailed, Outcomes(plan));
        }
    }

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry.Key is string key && entry.Value is string value) variables[key] = value;
        return variables;
    }

    private static Verbosity ReadVerbosity(CommandLine commandLine)
    {
        var option = commandLine.Take(EngineOptions.Verbosity);
        if (option is null) return Verbosity.Normal;
        if (!option.TakeOne(out var word))
            throw new BuildDefinitionException("Option --verbosity expects a value: quiet, minimal, normal or verbose.");
        return Enum.TryParse<Verbosity>(word, ignoreCase: true, out var verbosity) && !char.IsDigit(word[0])
            ? verbosity
            : throw new BuildDefinitionException($"Option --verbosity got '{word}', but expects quiet, minimal, normal or verbose.");
    }

    /// <summary>The words of a list option; given with none, it is an error rather than silently meaning "the defaults".</summary>
    private static IReadOnlyList<string> TakeNames(CommandLine commandLine, string key, string expected)
    {
        if (commandLine.Take(key) is not { } option) return Array.Empty<string>();
        var names = option.TakeAll();
        return names.Count > 0 ? names : throw new BuildDefinitionException($"Option {option.Spelling} expects {expected}.");
    }

    private static AbsolutePath ReadRoot(CommandLine commandLine, string workingDirectory)
    {
        var option = commandLine.Take(EngineOptions.Root);
        if (option is null) return RootDirectoryLocator.Find(workingDirectory);
        if (!option.TakeOne(out var word)) throw new BuildDefinitionException("Option --root expects a folder.");
        var root = AbsolutePath.Create(Path.GetFullPath(word, workingDirectory));
        return root.DirectoryExists() ? root : throw new BuildDefinitionException($"Option --root names '{root}', which is not a folder.");
    }

    private static void ThrowOnUnknownOptions(CommandLine commandLine, IReadOnlyList<ParameterMember> parameters)
    {
        var unknown = commandLine.Options.FirstOrDefault(o => !o.IsUsed);
        if (unknown is null) return;
        var known = parameters.Select(p => NameForms.Kebab(p.Name)).Concat(EngineOptions.All);
        throw new BuildDefinitionException(
            $"Unknown option '{unknown.Spelling}'; it is neither a parameter nor an engine option.{DidYouMean.Hint(unknown.Name, known, "--")} Run with --help to list them.");
    }

    private static IEnumerable<string> SecretValues(IReadOnlyList<ParameterMember> parameters, object build)
    {
        foreach (var parameter in parameters.Where(p => p.IsSecret))
        {
            switch (parameter.GetValue(build))
            {
                case string text: yield return text; break;
                case System.Collections.IEnumerable items:
                    foreach (var item in items) if (item?.ToString() is { } s) yield return s;
                    break;
                case { } value when value.ToString() is { } s: yield return s; break;
            }
        }
    }

    /// <summary>An engine flag (--help, --plan, --force): on when given, unless followed by "false".</summary>
    private static bool TakeSwitch(CommandLine commandLine, string key) =>
        commandLine.Take(key) is { } option && !option.TakeFlag().Equals("false", StringComparison.OrdinalIgnoreCase);

    private static string MemberName<T>(Expression<Func<T, Target>> expression) =>
        expression.Body is MemberExpression member
            ? member.Member.Name
            : throw new BuildDefinitionException($"The default target must be given as x => x.Name, not {expression}.");

    private static IReadOnlyList<TargetOutcome> Outcomes(IReadOnlyList<ExecutableTarget> plan) =>
        plan.Select(t => new TargetOutcome(t.Name, t.Status, t.Duration, t.Reason)).ToList();
}
