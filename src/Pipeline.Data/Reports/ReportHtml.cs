using System.Net;
using System.Text;

namespace Pipeline.Data.Reports;

/// <summary>Renders a <see cref="ReportDocument"/> as a self-contained HTML page: no script, no CDN.</summary>
public static class ReportHtml
{
    /// <summary>The stylesheet of every report page written from a document (and of the report index), readable at any width.</summary>
    public const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1.5rem;max-width:60rem;color:#1f2328;line-height:1.45}
        h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
        .summary{color:#59636e;margin:0 0 1rem}
        .table{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;margin:.3rem 0 .8rem;font-size:.9rem}
        th,td{border:1px solid #d0d7de;padding:.25rem .55rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
        th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        p,li{overflow-wrap:anywhere}
        """;

    /// <summary>The document as an HTML page.</summary>
    public static string Render(ReportDocument document)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(document.Title)).AppendLine("</title>")
            .Append("<style>").Append(Style).AppendLine("</style></head><body>")
            .Append("<h1>").Append(E(document.Title)).AppendLine("</h1>")
            .Append("<p class=\"summary\">").Append(E(document.Summary)).AppendLine("</p>");
        foreach (var section in document.Sections)
        {
            html.Append("<section><h2>").Append(E(section.Title)).AppendLine("</h2>");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ReportParagraph p:
                        html.Append("<p>").Append(E(p.Text)).AppendLine("</p>");
                        break;
                    case ReportBullets b:
                        html.Append("<ul>");
                        foreach (var item in b.Items) html.Append("<li>").Append(E(item)).Append("</li>");
                        html.AppendLine("</ul>");
                        break;
                    case ReportTable t:
                        html.Append("<div class=\"table\"><table>");
                        // A table of name/value pairs has no headings: no empty heading row either.
                        if (t.Header.Any(h => h.Length > 0))
                        {
                            html.Append("<thead><tr>");
                            foreach (var heading in t.Header) html.Append("<th>").Append(E(heading)).Append("</th>");
                            html.Append("</tr></thead>");
                        }
                        html.Append("<tbody>");
                        foreach (var row in t.Rows)
                        {
                            html.Append("<tr>");
                            for (var i = 0; i < row.Count; i++)
                                html.Append(t.NumericColumns.Contains(i) ? "<td class=\"n\">" : "<td>").Append(E(row[i])).Append("</td>");
                            html.Append("</tr>");
                        }
                        html.AppendLine("</tbody></table></div>");
                        break;
                }
            }
            html.AppendLine("</section>");
        }
        return html.AppendLine("</body></html>").ToString();
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
