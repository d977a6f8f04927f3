using System.Text;

namespace Pipeline.Data.Reports;

/// <summary>Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown.</summary>
public static class ReportMarkdown
{
    /// <summary>The document as Markdown.</summary>
    public static string Render(ReportDocument document)
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(Escape(document.Title)).AppendLine();
        text.AppendLine(Escape(document.Summary)).AppendLine();
        foreach (var section in document.Sections)
        {
            text.Append("## ").AppendLine(Escape(section.Title)).AppendLine();
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ReportParagraph p:
                        text.AppendLine(Escape(p.Text));
                        break;
                    case ReportBullets b:
                        foreach (var item in b.Items) text.Append("- ").AppendLine(Escape(item));
                        break;
                    case ReportTable t:
                        text.Append("| ").Append(string.Join(" | ", t.Header.Select(Cell))).AppendLine(" |");
                        text.Append('|').Append(string.Join("|", t.Header.Select((_, i) => t.NumericColumns.Contains(i) ? "---:" : "---"))).AppendLine("|");
                        foreach (var row in t.Rows)
                            text.Append("| ").Append(string.Join(" | ", row.Select(Cell))).AppendLine(" |");
                        break;
                }
                text.AppendLine();
            }
        }
        return text.ToString();
    }

    // Plain text must not turn into markup: the characters Markdown gives a meaning to inline are escaped.
    static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|') escaped.Append('\\');
            escaped.Append(c == '\n' ? ' ' : c);
        }
        return escaped.ToString();
    }

    static string Cell(string text) => Escape(text);
}
