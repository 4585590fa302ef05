using Hub.Storage.Metadata;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;
using Hub.Storage.Metadata.Lfs;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Storage.Tests.Metadata;

/// <summary>
/// The metadata store contract, run against every provider by the sealed subclasses. The database is shared by the
/// tests of one class, so every test creates its own uniquely named users, repositories and objects.
/// </summary>
public abstract partial class MetadataContractTests(MetadataDatabase database)
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected MetadataDatabase Database { get; } = database;

    protected FakeTimeProvider Time => Database.Time;

    protected IAccountStore Accounts => Database.Services.GetRequiredService<IAccountStore>();

    protected IAccessTokenStore Tokens => Database.Services.GetRequiredService<IAccessTokenStore>();

    protected IRepositoryStore Repositories => Database.Services.GetRequiredService<IRepositoryStore>();

    protected ILfsObjectStore Lfs => Database.Services.GetRequiredService<ILfsObjectStore>();

    protected IAuditLog Audit => Database.Services.GetRequiredService<IAuditLog>();

    internal IHubDbContextFactory Contexts => Database.Services.GetRequiredService<IHubDbContextFactory>();

    /// <summary>A name no other test uses: lower-case so it sorts the same everywhere.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}";

    protected static string Oid() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    protected Task<UserRecord> NewUserAsync(string prefix = "user", bool isAdmin = false) =>
        Accounts.CreateUserAsync(Unique(prefix), "Full Name", $"{Guid.NewGuid():N}@example.test", "hash", isAdmin, Ct);

    protected Task<RepositoryRecord> NewRepoAsync(
        long namespaceId, string name, bool isPrivate = false, string type = "model", DateTimeOffset? createdAt = null) =>
        Repositories.CreateAsync(new NewRepository(type, namespaceId, name, isPrivate, "none", null, createdAt ?? Time.GetUtcNow()), Ct);

    /// <summary>What the stores keep of a time: UTC milliseconds.</summary>
    protected static DateTimeOffset Stored(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
