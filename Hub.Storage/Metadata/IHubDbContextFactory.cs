using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata;

/// <summary>
/// Hands out the provider's context as the neutral <see cref="HubDbContext"/>: each provider has its own context type
/// (so each keeps its own migrations) and the stores should not care which one is configured.
/// </summary>
internal interface IHubDbContextFactory
{
    Task<HubDbContext> CreateDbContextAsync(CancellationToken cancellationToken);
}

internal sealed class HubDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IHubDbContextFactory
    where TContext : HubDbContext
{
    public async Task<HubDbContext> CreateDbContextAsync(CancellationToken cancellationToken) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
