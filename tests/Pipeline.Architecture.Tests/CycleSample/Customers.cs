namespace Pipeline.Architecture.Tests.CycleSample.Customers;

/// <summary>The other half of the deliberate namespace cycle (with Orders).</summary>
internal sealed class Customer
{
    public List<Orders.Order> History { get; } = [];
}
