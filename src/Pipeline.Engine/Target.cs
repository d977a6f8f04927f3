namespace Pipeline.Engine;

/// <summary>
/// A target of the build, declared as a property: <c>Target Train => _ => _.DependsOn(ValidateData).Executes(...);</c>.
/// The engine calls the delegate once with a fresh definition; the property name is the target's name.
/// </summary>
/// <param name="definition">The definition to configure.</param>
/// <returns>The same definition, configured.</returns>
public delegate ITargetDefinition Target(ITargetDefinition definition);
