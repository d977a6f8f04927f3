using System.Reflection;

namespace Pipeline.Architecture.Tests;

/// <summary>The product's assemblies and their root namespaces, lowest layer first.</summary>
internal static class ProductAssemblies
{
    public const string Engine = "Pipeline.Engine";
    public const string Data = "Pipeline.Data";
    public const string Modeling = "Pipeline.Modeling";
    public const string Serving = "Pipeline.Serving";
    public const string Delivery = "Pipeline.Delivery";
    public const string Monitoring = "Pipeline.Monitoring";
    public const string Oci = "Pipeline.Oci";
    public const string Ci = "Pipeline.Ci";
    public const string Scoring = "Pipeline.Scoring";

    public static Assembly Of(string name) => name switch
    {
        Engine => typeof(Pipeline.Engine.NukeBuild).Assembly,
        Data => typeof(Pipeline.Data.DataException).Assembly,
        Modeling => typeof(Pipeline.Modeling.ModelingException).Assembly,
        Serving => typeof(Pipeline.Serving.ScoringService).Assembly,
        Delivery => typeof(Pipeline.Delivery.Docker.DockerEngine).Assembly,
        Monitoring => typeof(Pipeline.Monitoring.DriftCheck).Assembly,
        Oci => typeof(Pipeline.Oci.OciRepositoryClient).Assembly,
        Ci => typeof(Pipeline.Ci.CiException).Assembly,
        Scoring => typeof(Pipeline.Scoring.PipelineModel).Assembly,
        _ => throw new ArgumentException($"'{name}' is not a product assembly.", nameof(name)),
    };

    public static TheoryData<string> All => new(Engine, Data, Modeling, Serving, Delivery, Monitoring, Oci, Ci, Scoring);
}
