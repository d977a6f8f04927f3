using Pipeline.Modeling.Cards;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// ModelCard: renders a registered version's card again, with its current stage and the drift checks the registry's
/// event log holds for it, into artifacts/&lt;dataset&gt;/model-card/ (the copy stored in the version is immutable and
/// says what was known when it was registered).
/// </summary>
public sealed class ModelCardStep(Workspace workspace, StepLog log)
{
    /// <summary>Renders the card of <paramref name="version"/> (default: production, else the newest version); returns the HTML file.</summary>
    /// <exception cref="ModelingException">The registry has no such version, or its files fail verification.</exception>
    public string Run(int? version)
    {
        using var registry = workspace.OpenRegistry();
        var chosen = version ?? registry.Stages.Production ?? (registry.Versions.Count > 0 ? registry.Versions[^1]
            : throw new ModelingException($"The model registry {registry.Location} has no versions yet; run the Register target first."));
        return Render(registry, chosen);
    }

    /// <summary>Renders the card of <paramref name="version"/> of <paramref name="registry"/>; returns the HTML file.</summary>
    public string Render(IModelRegistry registry, int version)
    {
        var now = DateTimeOffset.UtcNow;
        var card = ModelCard.Read(registry.LocalVersionDirectory(version), registry.ReadEvents(), registry.Stages, now);
        Directory.CreateDirectory(workspace.ModelCardDirectory);
        var html = workspace.ModelCardHtmlPath;
        File.WriteAllText(workspace.ModelCardMarkdownPath, card.ToMarkdown());
        File.WriteAllText(html, card.ToHtml());
        RenderedCard.Of(card, now).Write(workspace.RenderedCardPath);
        log.Info($"Model card of version {version}{(card.Facts is null ? " (registered before model cards: metadata and spec only)" : "")}, drift {card.DriftVerdict}: {html}");
        return html;
    }
}
