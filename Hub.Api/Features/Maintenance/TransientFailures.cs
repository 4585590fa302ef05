using System.Data.Common;
using System.Net.Sockets;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hub.Api.Features.Maintenance;

/// <summary>
/// Tells an outage of a backing service (database, blob store) from a bug: connection refused or reset, timeouts,
/// servers shutting down, SQLite busy, S3 5xx. Only those become 503 + <c>Retry-After</c>; everything else stays a
/// failure that is logged and fixed.
/// </summary>
public static class TransientFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>"database", "blob store" or "storage service" when <paramref name="exception"/> is an outage, else null.</summary>
    public static string? Classify(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var e = pending.Pop();
            switch (e)
            {
                case PostgresException p:
                    if (p.IsTransient) return "database";
                    break;
                case NpgsqlException:
                    // Not a server-side error: the connection itself failed (refused, reset, timed out, pool exhausted).
                    return "database";
                case SqliteException s when s.SqliteErrorCode is SqliteBusy or SqliteLocked:
                    return "database";
                case DbException { IsTransient: true }:
                    return "database";
                case Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException:
                    return "database";
                case AmazonServiceException a when (int)a.StatusCode >= 500 || a.InnerException is HttpRequestException or SocketException or IOException or TimeoutException:
                    return "blob store";
                case AmazonClientException c when c.InnerException is HttpRequestException or SocketException or IOException or TimeoutException:
                    return "blob store";
                case HttpRequestException or SocketException:
                    return "storage service";
            }
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } innerException)
                pending.Push(innerException);
        }
        return null;
    }
}
