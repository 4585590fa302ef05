using Hub.Storage.Metadata;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    [Fact]
    public async Task Audit_entries_are_queried_newest_first_by_actor_action_and_time()
    {
        var actor = (await NewUserAsync()).Id;
        var other = (await NewUserAsync()).Id;
        var t0 = Time.GetUtcNow();
        var login = new AuditEntry(t0.AddTicks(1), actor, "login", null, null, "127.0.0.1");
        var create = new AuditEntry(t0.AddSeconds(1), actor, "token.create", "token:1", "{\"role\":\"write\"}", "::1");
        var delete = new AuditEntry(t0.AddSeconds(2), actor, "repo.delete", "model:a/b", null, null);
        var foreign = new AuditEntry(t0.AddSeconds(3), other, "login", null, null, null);
        foreach (var entry in new[] { create, login, foreign, delete })
            await Audit.WriteAsync(entry, Ct);

        static AuditEntry S(AuditEntry e) => e with { At = Stored(e.At) };

        Assert.Equal([S(delete), S(create), S(login)], await Audit.QueryAsync(actor, null, null, 100, Ct));
        Assert.Equal([S(delete), S(create)], await Audit.QueryAsync(actor, null, null, 2, Ct));
        Assert.Equal([S(create), S(login)], await Audit.QueryAsync(actor, null, delete.At, 100, Ct));
        Assert.Equal([S(login)], await Audit.QueryAsync(actor, "login", null, 100, Ct));
        Assert.Equal([S(foreign), S(delete)], await Audit.QueryAsync(null, null, t0.AddSeconds(4), 2, Ct));
    }

    [Fact]
    public async Task Migrator_applies_every_migration_to_an_empty_database_and_then_nothing()
    {
        var services = await Database.CreateEmptyAsync();
        var migrator = services.GetRequiredService<IMetadataMigrator>();

        var applied = await migrator.MigrateAsync(Ct);
        var again = await migrator.MigrateAsync(Ct);

        Assert.True(await migrator.CanConnectAsync(Ct));

        Assert.Contains(applied, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Empty(again);
        var accounts = services.GetRequiredService<IAccountStore>();
        Assert.Equal(0, await accounts.CountUsersAsync(Ct));
        await accounts.CreateUserAsync("first", null, null, "hash", true, Ct);
        Assert.Equal(1, await accounts.CountUsersAsync(Ct));
    }
}
