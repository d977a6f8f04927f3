namespace Pipeline.Architecture.Tests.CycleSample.Orders;

/// <summary>Half of a deliberate namespace cycle (with Customers), so the cycle finder is seen to find one.</summary>
internal sealed class Order
{
    public Customers.Customer? PlacedBy { get; init; }
}
