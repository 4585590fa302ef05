using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>
/// The git tests share one hub on PostgreSQL + Ceph RGW of their own, so they run beside (not behind) the other
/// production-hub tests; each test makes its own users and repositories.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GitHubCollection : ICollectionFixture<ProductionHub>
{
    public const string Name = "git over https";
}
