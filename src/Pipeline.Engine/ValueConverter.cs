using System.Globalization;

namespace Pipeline.Engine;

/// <summary>Converts parameter words to the member's type, failing with a sentence that names parameter, value and type.</summary>
internal static class ValueConverter
{
    /// <summary>True for the array and list types a parameter may have.</summary>
    public static bool IsCollection(Type type, out Type elementType)
    {
        if (type.IsArray)
        {
            elementType = type.GetElementType()!;
            return true;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition &&
            (definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>) ||
             definition == typeof(IReadOnlyCollection<>) || definition == typeof(IList<>)))
        {
            elementType = type.GetGenericArguments()[0];
            return true;
        }
        elementType = type;
        return false;
    }

    public static bool IsFlag(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(bool);

    /// <summary>Converts the words to the parameter's type; a collection takes all words, a scalar exactly one.</summary>
    public static object? Convert(ParameterMember parameter, IReadOnlyList<string> words, string source, AbsolutePath root)
    {
        var type = parameter.ValueType;
        if (IsCollection(type, out var elementType))
        {
            var array = Array.CreateInstance(elementType, words.Count);
            for (var i = 0; i < words.Count; i++)
                array.SetValue(ConvertScalar(parameter, elementType, words[i], source, root), i);
            if (type.IsArray || type.IsInterface) return array;
            var list = (System.Collections.IList)Activator.CreateInstance(type)!;
            foreach (var item in array) list.Add(item);
            return list;
        }
        if (words.Count != 1)
            throw new BuildDefinitionException($"Parameter '{parameter.Name}' takes one value but {source} gives {words.Count}.");
        return ConvertScalar(parameter, type, words[0], source, root);
    }

    private static object? ConvertScalar(ParameterMember parameter, Type type, string word, string source, AbsolutePath root)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var text = word.Trim();
        if (target == typeof(string)) return word;
        if (target == typeof(AbsolutePath))
        {
            if (text.Length == 0) return null;
            if (text == "~" || text.StartsWith("~/", StringComparison.Ordinal))
                text = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + text[1..];
            return Path.IsPathRooted(text) ? AbsolutePath.Create(text) : root / text;
        }
        if (target == typeof(bool))
        {
            if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text is "1" || text.Equals("yes", StringComparison.OrdinalIgnoreCase)) return true;
            if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text is "0" || text.Equals("no", StringComparison.OrdinalIgnoreCase)) return false;
            throw Bad(parameter, word, source, "true or false");
        }
        if (target.IsEnum)
        {
            if (!char.IsDigit(text.FirstOrDefault()) && text.Length > 0 && Enum.TryParse(target, text, ignoreCase: true, out var value))
                return value;
            throw Bad(parameter, word, source, "one of " + string.Join(", ", Enum.GetNames(target)));
        }
        var culture = CultureInfo.InvariantCulture;
        object? number = target switch
        {
            _ when target == typeof(int) => int.TryParse(text, NumberStyles.Integer, culture, out var v) ? v : null,
            _ when target == typeof(long) => long.TryParse(text, NumberStyles.Integer, culture, out var v) ? v : null,
            _ when target == typeof(short) => short.TryParse(text, NumberStyles.Integer, culture, out var v) ? v : null,
            _ when target == typeof(byte) => byte.TryParse(text, NumberStyles.Integer, culture, out var v) ? v : null,
            _ when target == typeof(uint) => uint.TryParse(text, NumberStyles.Integer, culture, out var v) ? v : null,
            _ when target == typeof(ulong) => ulong.TryParse(text, NumberStyles.Integer, culture, out var v) ? v : null,
            // NaN and infinities parse, but no parameter means them; they would poison every comparison downstream.
            _ when target == typeof(double) => double.TryParse(text, NumberStyles.Float, culture, out var v) && double.IsFinite(v) ? v : null,
            _ when target == typeof(float) => float.TryParse(text, NumberStyles.Float, culture, out var v) && float.IsFinite(v) ? v : null,
            _ when target == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, culture, out var v) ? v : null,
            _ => throw new BuildDefinitionException(
                $"Parameter '{parameter.Name}' has type {FriendlyName(type)}, which the engine cannot convert; use string, bool, a number, an enum, AbsolutePath or an array of those."),
        };
        return number ?? throw Bad(parameter, word, source, FriendlyName(target));
    }

    private static BuildDefinitionException Bad(ParameterMember parameter, string word, string source, string expected)
    {
        var shown = parameter.IsSecret ? "a value" : $"'{word}'";
        return new BuildDefinitionException($"Parameter '{parameter.Name}' ({parameter.OptionName}) got {shown} from {source}, but expects {expected}.");
    }

    /// <summary>True for the integer types a parameter may have.</summary>
    public static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong);

    /// <summary>True for the non-integer number types a parameter may have.</summary>
    public static bool IsFraction(Type type) => type == typeof(double) || type == typeof(float) || type == typeof(decimal);

    /// <summary>A type as a user reads it: "an integer (Int32)", "a finite number (Double)", "string[]".</summary>
    public static string FriendlyName(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsCollection(target, out _)) return ShortName(target);
        if (IsInteger(target)) return $"an integer ({target.Name})";
        if (IsFraction(target)) return $"a finite number ({target.Name})";
        return ShortName(target);
    }

    /// <summary>The type name --help shows in its type column (C# keywords; "path" for <see cref="AbsolutePath"/>).</summary>
    public static string ShortName(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsCollection(target, out var element)) return ShortName(element) + "[]";
        return Keywords.TryGetValue(target, out var keyword) ? keyword : target.Name;
    }

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(string)] = "string", [typeof(bool)] = "bool", [typeof(int)] = "int", [typeof(long)] = "long",
        [typeof(ulong)] = "ulong", [typeof(uint)] = "uint", [typeof(short)] = "short", [typeof(byte)] = "byte",
        [typeof(double)] = "double", [typeof(float)] = "float", [typeof(decimal)] = "decimal", [typeof(AbsolutePath)] = "path",
    };
}
