using System.Globalization;
using System.Text;

namespace Pipeline.Engine;

/// <summary>One value in a parameters file: a scalar as text, or an array of scalars.</summary>
internal sealed record ParameterFileValue(ParameterFileValueKind Kind, string Text, IReadOnlyList<ParameterFileValue> Items);

/// <summary>The JSON kinds a parameters file may hold.</summary>
internal enum ParameterFileValueKind { String, Number, Boolean, Null, Array, Object }

/// <summary>
/// Reads <c>.nuke/parameters*.json</c>: one JSON object of names to strings, numbers, booleans, null or arrays
/// (comments and trailing commas allowed). Hand-written because loading System.Text.Json costs more start-up
/// time (about 17 ms, bench/engine.sh) than everything else a small build does; nested objects are kept only
/// as a kind so the caller can name them in an error.
/// </summary>
internal sealed class ParameterFileReader
{
    private readonly string _text;
    private readonly string _file;
    private int _position;

    private ParameterFileReader(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>The top-level members in file order; <paramref name="file"/> names the file in error sentences.</summary>
    public static IReadOnlyList<KeyValuePair<string, ParameterFileValue>> Read(string text, string file)
    {
        var reader = new ParameterFileReader(text, file);
        reader.SkipSpace();
        if (reader.Peek() != '{') throw reader.Error("must hold a JSON object of parameter names and values");
        var members = reader.ReadObject();
        reader.SkipSpace();
        if (reader._position < text.Length) throw reader.Error("has text after the closing '}'");
        return members;
    }

    private List<KeyValuePair<string, ParameterFileValue>> ReadObject()
    {
        var members = new List<KeyValuePair<string, ParameterFileValue>>();
        Expect('{');
        while (true)
        {
            SkipSpace();
            if (Peek() == '}') { _position++; return members; }
            if (Peek() != '"') throw Error("expects a quoted name or '}'");
            var name = ReadString();
            SkipSpace();
            Expect(':');
            members.Add(new(name, ReadValue()));
            SkipSpace();
            if (Peek() == ',') { _position++; continue; }
            if (Peek() == '}') { _position++; return members; }
            throw Error("expects ',' or '}' after a value");
        }
    }

    private ParameterFileValue ReadValue()
    {
        SkipSpace();
        var c = Peek();
        if (c == '"') return Scalar(ParameterFileValueKind.String, ReadString());
        if (c == '[') return ReadArray();
        if (c == '{')
        {
            ReadObject();
            return Scalar(ParameterFileValueKind.Object, "");
        }
        if (c == '-' || char.IsAsciiDigit(c)) return Scalar(ParameterFileValueKind.Number, ReadNumber());
        if (TryWord("true")) return Scalar(ParameterFileValueKind.Boolean, "true");
        if (TryWord("false")) return Scalar(ParameterFileValueKind.Boolean, "false");
        if (TryWord("null")) return Scalar(ParameterFileValueKind.Null, "");
        throw Error("expects a value (a string, number, true, false, null or an array)");
    }

    private ParameterFileValue ReadArray()
    {
        var items = new List<ParameterFileValue>();
        Expect('[');
        while (true)
        {
            SkipSpace();
            if (Peek() == ']') { _position++; break; }
            items.Add(ReadValue());
            SkipSpace();
            if (Peek() == ',') { _position++; continue; }
            if (Peek() == ']') { _position++; break; }
            throw Error("expects ',' or ']' in an array");
        }
        return new ParameterFileValue(ParameterFileValueKind.Array, "", items);
    }

    private string ReadString()
    {
        Expect('"');
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length) throw Error("has a string that is never closed");
            var c = _text[_position++];
            if (c == '"') return text.ToString();
            if (c < ' ') throw Error("has a control character inside a string");
            if (c != '\\') { text.Append(c); continue; }
            if (_position >= _text.Length) throw Error("has a string that is never closed");
            var escaped = _text[_position++];
            switch (escaped)
            {
                case '"': case '\\': case '/': text.Append(escaped); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length ||
                        !ushort.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        throw Error("has a \\u escape without four hex digits");
                    text.Append((char)code);
                    _position += 4;
                    break;
                default: throw Error($"has an unknown escape '\\{escaped}'");
            }
        }
    }

    private string ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && "+-0123456789.eE".Contains(_text[_position])) _position++;
        var number = _text[start.._position];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw Error($"has '{number}', which is not a number");
        return number;
    }

    private bool TryWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0) return false;
        _position += word.Length;
        return true;
    }

    private void SkipSpace()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (char.IsWhiteSpace(c) || c == '\uFEFF') _position++;
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
                while (_position < _text.Length && _text[_position] != '\n') _position++;
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("has a comment that is never closed");
                _position = end + 2;
            }
            else return;
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c) throw Error($"expects '{c}'");
        _position++;
    }

    private static ParameterFileValue Scalar(ParameterFileValueKind kind, string text) =>
        new(kind, text, Array.Empty<ParameterFileValue>());

    private BuildDefinitionException Error(string problem)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < Math.Min(_position, _text.Length); i++)
        {
            if (_text[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return new BuildDefinitionException($"{_file} is not valid JSON: it {problem} (line {line}, column {column}).");
    }
}
