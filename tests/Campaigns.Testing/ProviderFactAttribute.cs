using Xunit.Sdk;

namespace Campaigns.Testing;

/// <summary>
/// A fact written once in an abstract scenario class and run per storage provider by its subclasses. In a subclass
/// marked <see cref="RequiresPostgresAttribute"/> it is skipped when PostgreSQL is not configured — unless
/// <c>CAMPAIGNS_REQUIRE_POSTGRES=1</c>, when it runs and fails.
/// </summary>
[XunitTestCaseDiscoverer("Campaigns.Testing.ProviderFactDiscoverer", "Campaigns.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;

/// <summary>Marks a test class whose provider facts need PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;
