using Pipeline.Modeling;
using Pipeline.Modeling.Registry;

namespace Pipeline.Serving.Model;

/// <summary>Resolves a stage alias (production, staging) of a dataset's registry folder to a version folder.</summary>
public static class RegistryAliases
{
    /// <summary>The version folder <paramref name="alias"/> names in the registry at <paramref name="registryDirectory"/>.</summary>
    public static string Resolve(string registryDirectory, string alias)
    {
        var registry = new ModelRegistry(registryDirectory);
        StageAssignments stages;
        try
        {
            stages = registry.Stages;
        }
        catch (ModelingException e)
        {
            throw new ModelLoadException(e.Message, e);
        }
        int? version = alias.ToLowerInvariant() switch
        {
            RegistryLayout.ProductionAlias => stages.Production,
            RegistryLayout.StagingAlias => stages.Staging,
            _ => throw new ModelLoadException($"Serving:Alias \"{alias}\" is not a registry stage; use {RegistryLayout.ProductionAlias} or {RegistryLayout.StagingAlias}."),
        };
        return version is { } v
            ? registry.VersionDirectory(v)
            : throw new ModelLoadException($"The model registry {registryDirectory} has no {alias.ToLowerInvariant()} version; promote one (the Register target) or point Serving:ModelPath at a version folder.");
    }
}
