using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hub.Storage.Metadata;

/// <summary>
/// Tells every hub process that metadata behind a cache changed, so hot-path caches (access tokens, repositories on
/// the download path) can skip the database and still never outlive a change. Writers call
/// <see cref="PublishAsync"/> after their write committed: this process's caches drop at once, the others through
/// PostgreSQL <c>NOTIFY</c>, which the server delivers to every listening session as soon as the write is committed.
/// </summary>
/// <remarks>
/// <para>A cache may serve entries only while <see cref="IsLive"/> is true: with PostgreSQL that is while this process
/// listens (a lost listening connection makes caches read through until it is back and everything cached was dropped),
/// with SQLite always (the embedded default is one process, and every write goes through this process).</para>
/// <para>Fill races: a cache reads <see cref="Generation"/> before its database read and keeps the result only if the
/// generation is unchanged afterwards, so a read that overlapped a change is never cached.</para>
/// </remarks>
public sealed partial class MetadataChanges : BackgroundService
{
    /// <summary>Access tokens changed (revoked, removed).</summary>
    public const string Tokens = "tokens";

    /// <summary>Repositories changed (created, deleted, moved, settings, head).</summary>
    public const string Repositories = "repositories";

    /// <summary>Webhooks changed (created, updated, enabled or disabled, deleted).</summary>
    public const string Webhooks = "webhooks";

    /// <summary>What repository lists show changed without the repositories themselves changing (likes, recomputed counts).</summary>
    public const string Listings = "listings";

    private const string Channel = "hub_metadata";
    private readonly NpgsqlDataSource? postgres;
    private readonly ILogger<MetadataChanges> logger;
    private readonly Lock gate = new();
    private Action<string>[] subscribers = [];
    private long generation;
    private static readonly TimeSpan EchoTimeout = TimeSpan.FromSeconds(2);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> echoes = new(StringComparer.Ordinal);
    private volatile bool listening;

    /// <summary>Creates the feed: through PostgreSQL when <paramref name="postgresConnectionString"/> is given, else in-process only.</summary>
    public MetadataChanges(string? postgresConnectionString, ILogger<MetadataChanges> logger)
    {
        this.logger = logger;
        if (postgresConnectionString is null) return;
        var connection = new NpgsqlConnectionStringBuilder(postgresConnectionString)
        {
            ApplicationName = "hub-changes",
            // The listening session is long-lived and idle: keepalives notice a silently dropped connection.
            KeepAlive = 15,
            // The listening session plus short NOTIFY statements.
            MaxPoolSize = 8,
        };
        postgres = NpgsqlDataSource.Create(connection.ConnectionString);
    }

    /// <summary>True while changes made by any process reach this one, so caches may serve what they hold.</summary>
    public bool IsLive => postgres is null || listening;

    /// <summary>Counts the changes seen; compare before and after a database read to know whether it may be cached.</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>Calls <paramref name="onChange"/> with the topic of every change (or <c>*</c>: drop everything).</summary>
    public void Subscribe(Action<string> onChange)
    {
        lock (gate) subscribers = [.. subscribers, onChange];
    }

    /// <summary>
    /// Announces a committed change of <paramref name="topic"/> here and to every other hub process, and returns once the
    /// announcement came back to this process's own listener: PostgreSQL hands a notification to every listening session
    /// at the same moment, and each process reads it on a thread of its own, so by then the others have it too.
    /// </summary>
    public async Task PublishAsync(string topic, CancellationToken cancellationToken)
    {
        Raise(topic);
        if (postgres is null) return;
        var nonce = Guid.NewGuid().ToString("N");
        var echo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waitForEcho = listening;
        if (waitForEcho) echoes[nonce] = echo;
        try
        {
            await using var command = postgres.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = Channel });
            command.Parameters.Add(new NpgsqlParameter { Value = topic + "|" + nonce });
            // Not cancelled with the request: the write is committed, the others must hear of it.
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            if (waitForEcho)
                await echo.Task.WaitAsync(EchoTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (NpgsqlException e)
        {
            // The database is unreachable: every listener lost its session too, and drops its caches on reconnecting.
            LogNotifyFailed(logger, topic, e);
        }
        finally
        {
            echoes.TryRemove(nonce, out _);
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        postgres is null
            ? Task.CompletedTask
            // A thread of its own: notifications are read the moment they arrive, never queued behind busy request threads.
            : Task.Factory.StartNew(() => Listen(postgres, stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Listen(NpgsqlDataSource source, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var connection = source.OpenConnection();
                connection.Notification += (_, e) => OnNotification(e.Payload);
                using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    listen.ExecuteNonQuery();
                // Whatever was cached before this session may have missed a change.
                Raise("*");
                listening = true;
                while (!stoppingToken.IsCancellationRequested) connection.Wait(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever broke the session (outage, restart, network), this loop must live on: caches read through meanwhile.
                if (listening) LogListenLost(logger, e);
                listening = false;
                Raise("*");
                stoppingToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }
            finally
            {
                listening = false;
            }
        }
    }

    private void OnNotification(string payload)
    {
        var bar = payload.LastIndexOf('|');
        Raise(bar < 0 ? payload : payload[..bar]);
        if (bar >= 0 && echoes.TryGetValue(payload[(bar + 1)..], out var echo)) echo.TrySetResult();
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        postgres?.Dispose();
        base.Dispose();
    }

    private void Raise(string topic)
    {
        Interlocked.Increment(ref generation);
        foreach (var subscriber in subscribers) subscriber(topic);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce a change of {Topic} to other hub processes")]
    private static partial void LogNotifyFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the metadata change feed; caches read through until it is back")]
    private static partial void LogListenLost(ILogger logger, Exception exception);
}
