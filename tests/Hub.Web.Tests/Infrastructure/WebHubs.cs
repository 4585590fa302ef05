namespace Hub.Web.Tests.Infrastructure;

/// <summary>The hub on PostgreSQL + Ceph RGW: the browser PUTs parts to presigned S3 URLs.</summary>
public sealed class ProductionWebHub() : WebHub(production: true);

/// <summary>The hub with its embedded defaults (SQLite, filesystem): the browser PUTs parts to signed hub URLs.</summary>
public sealed class EmbeddedWebHub() : WebHub(production: false);

[CollectionDefinition(Name)]
public sealed class ProductionWebCollection : ICollectionFixture<ProductionWebHub>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "web on the production hub";
}

[CollectionDefinition(Name)]
public sealed class EmbeddedWebCollection : ICollectionFixture<EmbeddedWebHub>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "web on the embedded hub";
}
