namespace Pipeline.Engine;

/// <summary>
/// The command line split into positional words and <c>--options</c> with the words that follow them.
/// How many words an option takes is known only later (from the parameter's type), so an option keeps all the
/// words up to the next option and hands back the ones it does not use; those become target names.
/// </summary>
internal sealed class CommandLine
{
    private readonly List<CommandLineWord> _positional = new();

    private CommandLine()
    {
    }

    public List<CommandLineOption> Options { get; } = new();

    public static CommandLine Parse(IReadOnlyList<string> arguments)
    {
        var commandLine = new CommandLine();
        CommandLineOption? current = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var word = arguments[i];
            if (IsOption(word))
            {
                var text = word.TrimStart('-');
                string? inlineValue = null;
                var equals = text.IndexOf('=');
                if (equals > 0)
                {
                    inlineValue = text[(equals + 1)..];
                    text = text[..equals];
                }
                var name = word is "-h" or "-?" ? "help" : text;
                current = new CommandLineOption(name, "--" + text);
                if (inlineValue is not null) current.Words.Add(new CommandLineWord(i, inlineValue));
                commandLine.Options.Add(current);
            }
            else if (current is null)
                commandLine._positional.Add(new CommandLineWord(i, word));
            else
                current.Words.Add(new CommandLineWord(i, word));
        }
        return commandLine;
    }

    /// <summary>
    /// The last occurrence of an option with this key (see <see cref="NameForms.Key"/>), marked as used. Earlier
    /// occurrences are marked too and travel with it, so that their values are consumed rather than read as target
    /// names: a single value is the last one given, a list gathers them all (<c>--skip A --skip B</c>).
    /// </summary>
    public CommandLineOption? Take(string key)
    {
        CommandLineOption? found = null;
        var earlier = new List<CommandLineOption>();
        foreach (var option in Options)
        {
            if (NameForms.Key(option.Name) != key) continue;
            option.IsUsed = true;
            if (found is not null) earlier.Add(found);
            found = option;
        }
        if (found is not null) found.Earlier = earlier;
        return found;
    }

    /// <summary>Target names: the leading words plus every word an option did not use, in command-line order.</summary>
    public IReadOnlyList<string> PositionalWords() =>
        _positional.Concat(Options.SelectMany(o => o.Words.Skip(o.UsedWordCount)))
            .OrderBy(w => w.Index).Select(w => w.Text).ToList();

    private static bool IsOption(string word) =>
        word is "-h" or "-?" || (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2);
}

/// <summary>A word of the command line and its position (a class, not a tuple: fewer generic instantiations to JIT at start-up).</summary>
internal sealed record CommandLineWord(int Index, string Text);

/// <summary>One <c>--name</c> with the words that followed it.</summary>
internal sealed class CommandLineOption
{
    public CommandLineOption(string name, string spelling)
    {
        Name = name;
        Spelling = spelling;
    }

    /// <summary>The name as typed, without dashes.</summary>
    public string Name { get; }

    /// <summary>The option as the user typed it, for messages.</summary>
    public string Spelling { get; }

    public List<CommandLineWord> Words { get; } = new();

    public bool IsUsed { get; set; }

    /// <summary>How many of <see cref="Words"/> the option consumed; the rest are target names.</summary>
    public int UsedWordCount { get; private set; }

    /// <summary>Earlier occurrences of the same option on the command line.</summary>
    public IReadOnlyList<CommandLineOption> Earlier { get; set; } = Array.Empty<CommandLineOption>();

    /// <summary>A flag's value: no value means "true"; a following true/false word is its value; anything else is left alone.</summary>
    public string TakeFlag()
    {
        foreach (var option in Earlier) option.TakeOwnFlag();
        return TakeOwnFlag();
    }

    private string TakeOwnFlag()
    {
        var hasValue = Words.Count > 0 && IsBoolWord(Words[0].Text);
        UsedWordCount = hasValue ? 1 : 0;
        return hasValue ? Words[0].Text : "true";
    }

    /// <summary>Exactly one value (the last occurrence's); false when none followed it.</summary>
    public bool TakeOne(out string value)
    {
        foreach (var option in Earlier) option.TakeOwnOne(out _);
        return TakeOwnOne(out value);
    }

    private bool TakeOwnOne(out string value)
    {
        if (Words.Count == 0)
        {
            value = "";
            return false;
        }
        UsedWordCount = 1;
        value = Words[0].Text;
        return true;
    }

    /// <summary>Every value following this option and its earlier occurrences (possibly none).</summary>
    public IReadOnlyList<string> TakeAll()
    {
        foreach (var option in Earlier) option.UsedWordCount = option.Words.Count;
        UsedWordCount = Words.Count;
        return Earlier.Append(this).SelectMany(o => o.Words).Select(w => w.Text).ToList();
    }

    private static bool IsBoolWord(string word) =>
        word.Equals("true", StringComparison.OrdinalIgnoreCase) || word.Equals("false", StringComparison.OrdinalIgnoreCase);
}
