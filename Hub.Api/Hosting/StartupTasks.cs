using Hub.Api.Features.Accounts;
using Hub.Storage;
using Hub.Storage.Metadata;
using Hub.Storage.Metadata.Accounts;
using Microsoft.Extensions.Options;

namespace Hub.Api.Hosting;

/// <summary>
/// Before the hub serves: migrations (embedded default), the repository root, and the bootstrap admin
/// (<c>Hub:Bootstrap:AdminToken</c>) on first start.
/// </summary>
internal sealed class StartupTasks(
    IMetadataMigrator migrator,
    IOptions<DatabaseOptions> database,
    IOptions<StorageOptions> storage,
    IOptions<BootstrapOptions> bootstrap,
    IConfiguration configuration,
    IAccountStore accounts,
    AccountService accountService,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(HubPaths.RepoRoot(configuration, storage.Value));
        if (database.Value.MigrateOnStart)
        {
            var applied = await migrator.MigrateAsync(cancellationToken);
            if (applied.Count > 0) logger.LogInformation("Applied migrations {Migrations}", applied);
        }
        await BootstrapAdminAsync(cancellationToken);
    }

    private async Task BootstrapAdminAsync(CancellationToken ct)
    {
        var token = bootstrap.Value.AdminToken;
        if (string.IsNullOrEmpty(token) || await accounts.CountUsersAsync(ct) > 0) return;
        var password = bootstrap.Value.AdminPassword is { Length: >= AccountService.MinPasswordLength } p
            ? p
            : Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        try
        {
            var admin = await accountService.SignUpAsync("admin", password, null, "Administrator", isAdmin: true, ct);
            await accountService.ImportTokenAsync(admin.Id, "bootstrap", token, "write", ct);
            logger.LogInformation("Created the bootstrap admin user 'admin' with the configured write token");
        }
        catch (NameTakenException)
        {
            // Another instance bootstrapped at the same moment.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
