using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hub.Storage.Tests.Metadata;

/// <summary>
/// Records the SQL commands EF runs against one database (told apart by the fixture): how a test tells one round
/// trip from N+1. Tests of one class run one at a time, so nothing else talks to that database meanwhile. It listens
/// for the fixture's whole life because EF caches for a second whether anyone listens.
/// </summary>
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Func<DbConnection, bool> _isOurs;
    private readonly IDisposable _allListeners;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<string> _commands = [];

    public CommandCounter(Func<DbConnection, bool> isOurs)
    {
        _isOurs = isOurs;
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>A position to read the commands after.</summary>
    public int Mark()
    {
        lock (_commands) return _commands.Count;
    }

    public IReadOnlyList<string> Since(int mark)
    {
        lock (_commands) return _commands[mark..];
    }

    public void Dispose()
    {
        _allListeners.Dispose();
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
                subscription.Dispose();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data
            && data.Command.Connection is { } connection && _isOurs(connection))
            lock (_commands) _commands.Add(data.Command.CommandText);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }
}
