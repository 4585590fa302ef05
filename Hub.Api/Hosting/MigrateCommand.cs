using Hub.Storage;
using Hub.Storage.Metadata;

namespace Hub.Api.Hosting;

/// <summary><c>Hub.Api migrate</c>: applies the database migrations and exits (production runs it before the hub starts).</summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddHubStorage(builder.Configuration);
        using var host = builder.Build();
        var migrator = host.Services.GetRequiredService<IMetadataMigrator>();
        var applied = await migrator.MigrateAsync(CancellationToken.None);
        Console.WriteLine(applied.Count == 0 ? "The database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return 0;
    }
}
