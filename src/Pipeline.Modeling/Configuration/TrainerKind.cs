namespace Pipeline.Modeling.Configuration;

/// <summary>The ML.NET binary classification trainers a training configuration can choose.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TrainerKind>))]
public enum TrainerKind
{
    /// <summary>Gradient-boosted trees by LightGBM (Microsoft.ML.LightGbm).</summary>
    LightGbm,
    /// <summary>ML.NET's own gradient-boosted trees (Microsoft.ML.FastTree).</summary>
    FastTree,
    /// <summary>ML.NET's random forest (Microsoft.ML.FastTree), Platt-calibrated to give probabilities.</summary>
    FastForest,
}
