namespace Pipeline.Delivery.Monitoring;

/// <summary>One Prometheus alerting rule as Deploy writes it.</summary>
/// <param name="Name">The alert's name (what a receiver dispatches on).</param>
/// <param name="Expression">The PromQL condition.</param>
/// <param name="For">How long the condition must hold before the alert fires.</param>
/// <param name="Severity">The <c>severity</c> label (warning, critical).</param>
/// <param name="Summary">The <c>summary</c> annotation (Go template over the alert's labels and value).</param>
public sealed record AlertRule(string Name, string Expression, string For, string Severity, string Summary);
