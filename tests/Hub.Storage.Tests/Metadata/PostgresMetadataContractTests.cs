namespace Hub.Storage.Tests.Metadata;

/// <summary>The metadata contract on PostgreSQL (production).</summary>
public sealed class PostgresMetadataContractTests(PostgresMetadataDatabase database)
    : MetadataContractTests(database), IClassFixture<PostgresMetadataDatabase>;
