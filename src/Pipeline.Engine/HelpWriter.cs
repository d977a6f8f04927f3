namespace Pipeline.Engine;

/// <summary>
/// <c>--help</c>: targets (description, dependencies, default marked), parameters (type, description, current
/// value and where it came from; secrets masked), the engine's options, the parameter precedence and exit codes.
/// </summary>
internal static class HelpWriter
{
    public static void Write(BuildOutput output, TargetGraph graph, IReadOnlyList<ExecutableTarget> defaults, IReadOnlyList<ParameterMember> parameters, object build)
    {
        output.WriteLine("Usage: ./build.sh [targets] [--option value ...]");
        output.WriteLine();
        output.WriteLine("Targets:");
        var listed = graph.Targets.Where(t => !t.Definition.IsUnlisted).ToList();
        var nameWidth = listed.Count == 0 ? 0 : listed.Max(t => t.Name.Length + (defaults.Contains(t) ? 10 : 0)) + 2;
        foreach (var target in listed)
        {
            var name = target.Name + (defaults.Contains(target) ? " (default)" : "");
            var line = "  " + name.PadRight(nameWidth) + (target.Definition.DescriptionText ?? "");
            if (target.Dependencies.Count > 0) line += $"  [depends on: {string.Join(", ", target.Dependencies)}]";
            output.WriteLine(line.TrimEnd());
        }

        output.WriteLine();
        output.WriteLine("Parameters:");
        if (parameters.Count == 0) output.WriteLine("  (none)");
        var optionWidth = parameters.Count == 0 ? 0 : parameters.Max(p => p.OptionName.Length) + 2;
        var typeWidth = parameters.Count == 0 ? 0 : parameters.Max(p => ValueConverter.ShortName(p.ValueType).Length) + 2;
        foreach (var parameter in parameters)
        {
            output.WriteLine("  " + parameter.OptionName.PadRight(optionWidth) + ValueConverter.ShortName(parameter.ValueType).PadRight(typeWidth) + parameter.Description + AllowedValues(parameter.ValueType));
            output.WriteLine("  " + new string(' ', optionWidth + typeWidth) + $"= {CurrentValue(parameter, build)}   (from {parameter.Source})");
        }

        output.WriteLine();
        output.WriteLine("Options:");
        var usageWidth = EngineOptions.Documentation.Max(o => o.Usage.Length) + 2;
        foreach (var (usage, description) in EngineOptions.Documentation)
            output.WriteLine("  " + usage.PadRight(usageWidth) + description);

        output.WriteLine();
        // The spellings are shown on one of this build's own parameters (a two-word one shows them best), so the
        // example names an option that exists.
        var example = parameters.FirstOrDefault(p => NameForms.Kebab(p.Name).Contains('-') && !p.IsSecret)?.Name
            ?? parameters.FirstOrDefault(p => !p.IsSecret)?.Name ?? "DataPath";
        output.WriteLine($"A parameter's value comes from the first of: the command line ({"--" + NameForms.Kebab(example)} x or --{example} x; a bool alone means true),");
        output.WriteLine($"an environment variable named like it ignoring case and underscores ({NameForms.UpperSnake(example)}, {example}), .nuke/parameters.<profile>.json");
        output.WriteLine("for each --profile, .nuke/parameters.json, the default in the build. Paths are relative to the root.");
        output.WriteLine("Exit codes: 0 every executed target succeeded; 1 a target failed; 2 bad invocation or build definition; 130 cancelled.");
    }

    // An enum parameter lists the values the converter accepts (case-insensitive), so a user need not guess them.
    private static string AllowedValues(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsEnum ? $" (one of: {string.Join(", ", Enum.GetNames(target).Select(n => n.ToLowerInvariant()))})" : "";
    }

    private static string CurrentValue(ParameterMember parameter, object build)
    {
        object? value;
        try
        {
            value = parameter.GetValue(build);
        }
        catch (Exception e)
        {
            return $"(cannot be read: {e.GetBaseException().Message})";
        }
        if (value is null || value is string { Length: 0 }) return "(not set)";
        if (parameter.IsSecret) return BuildOutput.Mask;
        return value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>()) + "]",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
