using NetArchTest.Rules;

namespace Pipeline.Architecture.Tests;

/// <summary>
/// The layers depend one way: engine ← data ← modeling ← serving / delivery / monitoring. The engine knows none of the
/// product's ML code, and the three top projects know nothing of each other.
/// </summary>
public sealed class DependencyDirectionTests
{
    [Theory]
    [InlineData(ProductAssemblies.Engine, new[] { ProductAssemblies.Data, ProductAssemblies.Modeling, ProductAssemblies.Serving, ProductAssemblies.Delivery, ProductAssemblies.Monitoring, ProductAssemblies.Oci, ProductAssemblies.Ci })]
    [InlineData(ProductAssemblies.Data, new[] { ProductAssemblies.Modeling, ProductAssemblies.Serving, ProductAssemblies.Delivery, ProductAssemblies.Monitoring })]
    [InlineData(ProductAssemblies.Modeling, new[] { ProductAssemblies.Serving, ProductAssemblies.Delivery, ProductAssemblies.Monitoring })]
    [InlineData(ProductAssemblies.Serving, new[] { ProductAssemblies.Delivery, ProductAssemblies.Monitoring })]
    [InlineData(ProductAssemblies.Delivery, new[] { ProductAssemblies.Serving, ProductAssemblies.Monitoring })]
    [InlineData(ProductAssemblies.Monitoring, new[] { ProductAssemblies.Serving, ProductAssemblies.Delivery })]
    // The registry client is a leaf library, like the engine. The CI integration reports on the lifecycle's records
    // (modeling, monitoring) but knows nothing of the engine, serving or delivery.
    [InlineData(ProductAssemblies.Oci, new[] { ProductAssemblies.Engine, ProductAssemblies.Data, ProductAssemblies.Modeling, ProductAssemblies.Serving, ProductAssemblies.Delivery, ProductAssemblies.Monitoring, ProductAssemblies.Ci })]
    [InlineData(ProductAssemblies.Ci, new[] { ProductAssemblies.Engine, ProductAssemblies.Serving, ProductAssemblies.Delivery })]
    // The packaged scoring library goes into other teams' applications: modeling and below only, and nothing uses it.
    [InlineData(ProductAssemblies.Scoring, new[] { ProductAssemblies.Engine, ProductAssemblies.Serving, ProductAssemblies.Delivery, ProductAssemblies.Monitoring, ProductAssemblies.Ci })]
    [InlineData(ProductAssemblies.Serving, new[] { ProductAssemblies.Scoring })]
    [InlineData(ProductAssemblies.Delivery, new[] { ProductAssemblies.Scoring })]
    [InlineData(ProductAssemblies.Monitoring, new[] { ProductAssemblies.Scoring })]
    [InlineData(ProductAssemblies.Ci, new[] { ProductAssemblies.Scoring })]
    public void AnAssembly_DoesNotDependOnTheLayersAboveOrBesideIt(string assembly, string[] forbidden)
    {
        var result = Types.InAssembly(ProductAssemblies.Of(assembly)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"{assembly} must not depend on {string.Join(", ", forbidden)}, but these types do: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void TheRule_FailsForADependencyThatExists()
    {
        // Modeling does depend on Data: the same rule must say so, or the rules above prove nothing.
        var result = Types.InAssembly(ProductAssemblies.Of(ProductAssemblies.Modeling)).ShouldNot().HaveDependencyOnAny(ProductAssemblies.Data).GetResult();

        Assert.False(result.IsSuccessful);
        Assert.NotEmpty(result.FailingTypeNames);
    }
}
