using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hub.Storage.Metadata;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Api.Features.Operations;

/// <summary>
/// Named mutual exclusion across every hub process of one deployment: a PostgreSQL session-level advisory lock when
/// the metadata lives in PostgreSQL (the only database several processes share), an in-process lock with SQLite (the
/// embedded default, one process).
/// </summary>
/// <remarks>
/// <para>Why the database and not a lock file beside the git repository: every hub process already shares the
/// database, whatever the repository volume is (NFS, CephFS, a RWX volume whose <c>flock</c> support nobody checked),
/// and a PostgreSQL session lock is released by the server when its holder dies, so a killed process never leaves a
/// lock behind. A waiter in another process blocks in <c>pg_advisory_lock</c> (cancellable) instead of polling.</para>
/// <para>Each held lock occupies one connection of a pool of its own, so lock holders never starve EF Core's pool.
/// Waiters of one process queue on a local semaphore first, so a process holds at most one connection per name.</para>
/// </remarks>
public sealed class ClusterLocks : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> local = new(StringComparer.Ordinal);
    private readonly NpgsqlDataSource? postgres;

    public ClusterLocks(IOptions<DatabaseOptions> database, IConfiguration configuration)
    {
        if (database.Value.Provider != "postgres") return;
        var connection = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Hub")) { ApplicationName = "hub-locks" };
        // One session per lock held or awaited: bounded like the main pool, so a burst of commits to many repositories
        // waits for a session here instead of exhausting the server's max_connections (shared with other processes).
        if (!System.Text.RegularExpressions.Regex.IsMatch(configuration.GetConnectionString("Hub") ?? "", @"max(imum)?\s*pool\s*size", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            connection.MaxPoolSize = 32;
        postgres = NpgsqlDataSource.Create(connection.ConnectionString);
    }

    /// <summary>True when the locks are shared through PostgreSQL (several processes), false when they are local.</summary>
    public bool IsShared => postgres is not null;

    /// <summary>Waits until this caller holds <paramref name="name"/> in every process; dispose the result to release it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        var gate = local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        if (postgres is null) return new Held(gate, null);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await postgres.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection) { Parameters = { new() { Value = Key(name) } } };
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Held(gate, connection);
        }
        catch
        {
            // Cancelled or failed, perhaps just after the server granted the lock: never return a pooled connection
            // that might still hold it.
            if (connection is not null) await ReleaseAsync(connection);
            gate.Release();
            throw;
        }
    }

    public ValueTask DisposeAsync() => postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The advisory lock key of a name: 64 bits of its SHA-256 (a collision only serialises two names).</summary>
    internal static long Key(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("hub:" + name)));

    private static async Task ReleaseAsync(NpgsqlConnection connection)
    {
        try
        {
            // The connection holds this one lock only. Never cancelled: a lock left on a pooled connection would block
            // every other process until the pool prunes it.
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The session broke: the server released its locks when it ended.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private sealed class Held(SemaphoreSlim gate, NpgsqlConnection? connection) : IAsyncDisposable
    {
        private int released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 1) return;
            try
            {
                if (connection is not null) await ReleaseAsync(connection);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
