namespace Hub.Storage.Metadata;

/// <summary>Applies the schema migrations of the configured provider.</summary>
public interface IMetadataMigrator
{
    /// <summary>Applies pending migrations; returns the names of those applied.</summary>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>True when the database answers (for /health).</summary>
    Task<bool> CanConnectAsync(CancellationToken cancellationToken);
}
