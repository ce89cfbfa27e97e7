using Xunit.Abstractions;
using Xunit.Sdk;

namespace Campaigns.Testing;

/// <summary>Discovers <see cref="ProviderFactAttribute"/> facts, skipping PostgreSQL classes when it is absent.</summary>
public sealed class ProviderFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnostics);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        if (needsPostgres && PostgresTestEnvironment.ShouldSkip)
        {
            return [new XunitSkippedDataRowTestCase(
                diagnostics, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod,
                $"PostgreSQL not configured: set {PostgresTestEnvironment.ConnectionStringVariable}.")];
        }
        return _facts.Discover(options, testMethod, factAttribute);
    }
}
