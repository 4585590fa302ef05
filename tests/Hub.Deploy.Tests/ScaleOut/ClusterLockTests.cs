using Hub.Api.Features.Operations;
using Hub.Storage.Metadata;
using Hub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>The PostgreSQL advisory locks that serialise indexing and LFS finishing across hub processes.</summary>
public sealed class ClusterLockTests
{
    private static ClusterLocks NewProcessLocks() => new(
        Options.Create(new DatabaseOptions { Provider = "postgres" }),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Hub"] = TestServices.PostgresConnectionString }).Build());

    [Fact]
    public async Task A_lock_held_by_one_process_blocks_another_until_released()
    {
        // Two instances: two connection pools, two PostgreSQL sessions, as two processes have.
        await using var first = NewProcessLocks();
        await using var second = NewProcessLocks();
        Assert.True(first.IsShared);
        var name = "test:" + Guid.NewGuid().ToString("N");

        var held = await first.AcquireAsync(name, CancellationToken.None);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.AcquireAsync(name, wait.Token));
        await using (await second.AcquireAsync("test:" + Guid.NewGuid().ToString("N"), CancellationToken.None))
        {
            // Another name is free meanwhile.
        }
        await held.DisposeAsync();
        using var granted = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var next = await second.AcquireAsync(name, granted.Token);
    }

    [Fact]
    public async Task A_lock_of_a_process_whose_database_session_ends_is_released()
    {
        var name = "test:" + Guid.NewGuid().ToString("N");
        await using var dying = NewProcessLocks();
        await dying.AcquireAsync(name, CancellationToken.None);
        // The process dies without unlocking; PostgreSQL ends its session (as when the TCP connection drops).
        await using (var admin = new NpgsqlConnection(TestServices.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid " +
                "WHERE l.locktype = 'advisory' AND a.application_name = 'hub-locks' AND a.datname = current_database()", admin);
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1);
        }

        await using var survivor = NewProcessLocks();
        using var granted = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var held = await survivor.AcquireAsync(name, granted.Token);
    }
}
