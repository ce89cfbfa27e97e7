using Campaigns.Host.Configuration;
using Campaigns.Storage;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Campaigns.Host.Tests;

/// <summary>What the host makes of a PostgreSQL connection string: its pool size, its automatic preparation and its reset.</summary>
public sealed class StorageConfigurationTests
{
    private static NpgsqlConnectionStringBuilder Resolve(string connectionString, int maxPoolSize = 20)
    {
        var options = new CampaignsOptions { Storage = { Provider = StorageProvider.PostgreSql, MaxPoolSize = maxPoolSize } };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{StorageConfiguration.ConnectionStringName}"] = connectionString })
            .Build();
        var settings = StorageConfiguration.Resolve(options, configuration);
        Assert.Equal(StorageProvider.PostgreSql, settings.Provider);
        return new NpgsqlConnectionStringBuilder(settings.ConnectionString);
    }

    [Fact]
    public void Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        // Fails without the MaxAutoPrepare default in StorageConfiguration.Resolve: Npgsql's own default is 0 (off).
        Assert.Equal(0, new NpgsqlConnectionStringBuilder("Host=db;Username=u").MaxAutoPrepare);
        Assert.Equal(StorageConfiguration.AutoPreparedStatements, Resolve("Host=db;Username=u").MaxAutoPrepare);
        Assert.True(StorageConfiguration.AutoPreparedStatements > 0);

        // An operator behind a pooler that cannot keep prepared statements turns it off in the connection string.
        Assert.Equal(0, Resolve("Host=db;Username=u;Max Auto Prepare=0").MaxAutoPrepare);
        Assert.Equal(7, Resolve("Host=db;Username=u;MaxAutoPrepare=7").MaxAutoPrepare);
    }

    [Fact]
    public void Pooled_connections_are_not_reset_unless_the_connection_string_says_so()
    {
        // Fails without the NoResetOnClose default in StorageConfiguration.Resolve: Npgsql resets by default.
        Assert.False(new NpgsqlConnectionStringBuilder("Host=db;Username=u").NoResetOnClose);
        Assert.True(Resolve("Host=db;Username=u").NoResetOnClose);

        // An operator who needs the reset (session state of their own on the same database user) asks for it.
        Assert.False(Resolve("Host=db;Username=u;No Reset On Close=false").NoResetOnClose);
        Assert.False(Resolve("Host=db;Username=u;NoResetOnClose=false").NoResetOnClose);
    }

    [Fact]
    public void The_pool_size_comes_from_the_options_unless_the_connection_string_gives_one()
    {
        Assert.Equal(33, Resolve("Host=db;Username=u", maxPoolSize: 33).MaxPoolSize);
        Assert.Equal(5, Resolve("Host=db;Username=u;Maximum Pool Size=5", maxPoolSize: 33).MaxPoolSize);
    }
}
