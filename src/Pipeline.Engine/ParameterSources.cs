using System.Collections;

namespace Pipeline.Engine;

/// <summary>
/// Reads parameter values from the command line, the environment, the profile files and
/// <c>.nuke/parameters.json</c>, in that order of precedence, and injects them into the build.
/// </summary>
internal sealed class ParameterSources
{
    private readonly CommandLine _commandLine;
    private readonly Dictionary<string, List<EnvironmentVariable>> _environment = new(StringComparer.Ordinal);
    private readonly List<(string File, IReadOnlyList<KeyValuePair<string, ParameterFileValue>> Values)> _files = new();
    private readonly AbsolutePath _root;

    public ParameterSources(CommandLine commandLine, IReadOnlyDictionary<string, string>? environment, AbsolutePath root, IReadOnlyList<string> profiles)
    {
        _commandLine = commandLine;
        _root = root;
        foreach (var variable in environment?.Select(v => new EnvironmentVariable(v.Key, v.Value)) ?? ProcessEnvironment())
        {
            var key = NameForms.Key(variable.Name);
            if (!_environment.TryGetValue(key, out var list)) _environment[key] = list = new();
            list.Add(variable);
        }
        // Highest precedence first: the last profile named, ..., the first profile, then parameters.json.
        foreach (var profile in profiles.Reverse())
        {
            var file = root / ".nuke" / $"parameters.{profile}.json";
            if (!file.FileExists())
                throw new BuildDefinitionException($"Profile '{profile}' has no file: expected {file.RelativeTo(root)}.");
            _files.Add((file.RelativeTo(root), Read(file, root)));
        }
        var defaults = root / ".nuke" / "parameters.json";
        if (defaults.FileExists()) _files.Add((defaults.RelativeTo(root), Read(defaults, root)));
    }

    /// <summary>Sets every parameter of the build from the highest-precedence source that has it.</summary>
    public void Inject(object build, IReadOnlyList<ParameterMember> parameters)
    {
        foreach (var parameter in parameters)
        {
            var key = NameForms.Key(parameter.Name);
            if (!TryFind(parameter, key, out var words, out var source)) continue;
            var value = ValueConverter.Convert(parameter, words, source, _root);
            parameter.Source = source;
            if (parameter.CanSet) parameter.SetValue(build, value);
            ParameterValueStore.Set(build, parameter.Member.Name, value);
        }
        WarnAboutUnknownFileKeys(parameters);
    }

    private bool TryFind(ParameterMember parameter, string key, out IReadOnlyList<string> words, out string source)
    {
        var option = _commandLine.Take(key);
        if (option is not null)
        {
            source = "the command line";
            if (ValueConverter.IsCollection(parameter.ValueType, out _)) words = option.TakeAll();
            else if (ValueConverter.IsFlag(parameter.ValueType)) words = new[] { option.TakeFlag() };
            else if (option.TakeOne(out var one)) words = new[] { one };
            else throw new BuildDefinitionException($"Option {option.Spelling} (parameter '{parameter.Name}') expects a value.");
            return true;
        }

        if (_environment.TryGetValue(key, out var variables))
        {
            // Several spellings set at once: prefer DATA_PATH, then DataPath, then the first by name.
            var upper = NameForms.UpperSnake(parameter.Name);
            var chosen = variables.OrderBy(v => v.Name == upper ? 0 : v.Name == parameter.Name ? 1 : 2)
                .ThenBy(v => v.Name, StringComparer.Ordinal).First();
            source = $"the environment variable {chosen.Name}";
            words = ValueConverter.IsCollection(parameter.ValueType, out _) ? SplitList(chosen.Value) : new[] { chosen.Value };
            return true;
        }

        foreach (var (file, values) in _files)
        {
            foreach (var (name, value) in values)
            {
                if (NameForms.Key(name) != key || value.Kind == ParameterFileValueKind.Null) continue;
                source = file;
                words = Words(value, parameter, file);
                return true;
            }
        }

        words = Array.Empty<string>();
        source = "default";
        return false;
    }

    private void WarnAboutUnknownFileKeys(IReadOnlyList<ParameterMember> parameters)
    {
        if (_files.Count == 0) return;
        var known = parameters.Select(p => NameForms.Key(p.Name)).ToHashSet();
        foreach (var (file, values) in _files)
            foreach (var (name, _) in values)
                if (!name.StartsWith('$') && !known.Contains(NameForms.Key(name)))
                    Log.Warning($"{file} sets '{name}', which is not a parameter of this build.");
    }

    private static IReadOnlyList<string> Words(ParameterFileValue value, ParameterMember parameter, string file)
    {
        if (value.Kind == ParameterFileValueKind.Array)
            return value.Items.Select(item => Word(item, parameter, file)).ToList();
        return value.Kind == ParameterFileValueKind.String && ValueConverter.IsCollection(parameter.ValueType, out _)
            ? SplitList(value.Text)
            : new[] { Word(value, parameter, file) };
    }

    private static string Word(ParameterFileValue value, ParameterMember parameter, string file) =>
        value.Kind is ParameterFileValueKind.String or ParameterFileValueKind.Number or ParameterFileValueKind.Boolean
            ? value.Text
            : throw new BuildDefinitionException(
                $"Parameter '{parameter.Name}' in {file} is a JSON {value.Kind.ToString().ToLowerInvariant()}, but expects {ValueConverter.FriendlyName(parameter.ValueType)}.");

    private static IReadOnlyList<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<KeyValuePair<string, ParameterFileValue>> Read(AbsolutePath file, AbsolutePath root) =>
        ParameterFileReader.Read(File.ReadAllText(file), file.RelativeTo(root));

    private static IEnumerable<EnvironmentVariable> ProcessEnvironment()
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            yield return new EnvironmentVariable((string)entry.Key, (string?)entry.Value ?? "");
    }

    private sealed record EnvironmentVariable(string Name, string Value);
}
