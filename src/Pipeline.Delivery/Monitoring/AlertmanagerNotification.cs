using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Delivery.Monitoring;

/// <summary>One alert of an Alertmanager webhook notification.</summary>
/// <param name="Status">firing or resolved.</param>
/// <param name="Labels">The alert's labels (alertname, dataset, feature, …).</param>
/// <param name="Annotations">The alert's annotations (summary).</param>
public sealed record NotifiedAlert(string Status, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The alert's name, or "" without one.</summary>
    public string Name => Labels.TryGetValue("alertname", out var name) ? name : "";

    /// <summary>Whether the alert is firing (not resolved).</summary>
    public bool IsFiring => Status == "firing";
}

/// <summary>
/// The JSON body Alertmanager posts to a webhook (payload version 4): a group of alerts with their labels and
/// annotations. Only the fields the alert receiver acts on are read.
/// </summary>
/// <param name="Version">The payload version ("4").</param>
/// <param name="Status">firing when any alert of the group fires.</param>
/// <param name="Alerts">The group's alerts.</param>
public sealed record AlertmanagerNotification(string Version, string Status, IReadOnlyList<NotifiedAlert> Alerts)
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.Strict };

    /// <summary>Reads a posted body.</summary>
    /// <exception cref="FormatException">The body is not an Alertmanager webhook notification; the message says what is missing.</exception>
    public static AlertmanagerNotification Parse(string body)
    {
        AlertmanagerNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<AlertmanagerNotification>(body, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The body is not an Alertmanager webhook notification: {e.Message} (expected {{\"version\":\"4\",\"status\":…,\"alerts\":[{{\"status\":…,\"labels\":{{…}}}}]}}).", e);
        }
        if (notification?.Alerts is null)
            throw new FormatException("The body has no \"alerts\" array; Alertmanager's webhook notification (version 4) carries one.");
        if (notification.Alerts.Any(a => a?.Labels is null || a.Status is null))
            throw new FormatException("An alert of the notification has no \"status\" or no \"labels\"; each Alertmanager alert carries both.");
        return notification with
        {
            Alerts = notification.Alerts.Select(a => a with { Annotations = a.Annotations ?? new Dictionary<string, string>() }).ToList(),
        };
    }
}
