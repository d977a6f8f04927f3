namespace Pipeline.Data.Reports;

/// <summary>A block of a report section: a paragraph, a bullet list or a table.</summary>
public abstract record ReportBlock;

/// <summary>A paragraph of plain text.</summary>
/// <param name="Text">The text (not markup).</param>
public sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>A bullet list of plain-text items.</summary>
/// <param name="Items">The items (not markup).</param>
public sealed record ReportBullets(IReadOnlyList<string> Items) : ReportBlock;

/// <summary>A table; <paramref name="NumericColumns"/> are right-aligned.</summary>
/// <param name="Header">The column headings.</param>
/// <param name="Rows">The cells, row by row (plain text).</param>
/// <param name="NumericColumns">Indices of the columns holding numbers.</param>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<int> NumericColumns) : ReportBlock;

/// <summary>One titled section of a report.</summary>
/// <param name="Title">The heading.</param>
/// <param name="Blocks">Its content in order.</param>
public sealed record ReportSection(string Title, IReadOnlyList<ReportBlock> Blocks);

/// <summary>
/// A report (a model card, a validation report) as a format-free document: title, summary line, sections of
/// paragraphs, lists and tables, so that its Markdown and its HTML page say exactly the same thing (<see cref="ReportMarkdown"/>, <see cref="ReportHtml"/>).
/// </summary>
/// <param name="Title">The title.</param>
/// <param name="Summary">One line under the title (version, date, verdicts).</param>
/// <param name="Sections">The sections in order.</param>
public sealed record ReportDocument(string Title, string Summary, IReadOnlyList<ReportSection> Sections);
