using Hub.Storage.Blobs;
using Hub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hub.Storage.Tests.Blobs;

public sealed class BlobServiceCollectionExtensionsTests
{
    [Fact]
    public void Filesystem_is_the_default_and_lives_under_the_data_dir()
    {
        using var dataDir = new TempDirectory();
        using var provider = Build(new() { ["Hub:DataDir"] = dataDir.Path });

        var store = Assert.IsType<FileSystemBlobStore>(provider.GetRequiredService<IBlobStore>());

        Assert.Equal("filesystem", store.Kind);
        Assert.Equal(Path.Combine(dataDir.Path, "blobs"), store.Root);
        Assert.Same(store, provider.GetRequiredService<IBlobStore>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is BlobStoreInitializer);
    }

    [Fact]
    public void BlobRoot_overrides_the_data_dir()
    {
        using var root = new TempDirectory();
        using var provider = Build(new() { ["Hub:Storage:BlobRoot"] = root.Path });

        Assert.Equal(root.Path, Assert.IsType<FileSystemBlobStore>(provider.GetRequiredService<IBlobStore>()).Root);
    }

    [Fact]
    public void S3_is_chosen_by_configuration()
    {
        using var provider = Build(new()
        {
            ["Hub:Storage:Blobs"] = "s3",
            ["Hub:Storage:S3:ServiceUrl"] = "http://127.0.0.1:1",
            ["Hub:Storage:S3:Bucket"] = "hub-models",
            ["Hub:Storage:S3:AccessKey"] = "a",
            ["Hub:Storage:S3:SecretKey"] = "s",
        });

        var store = Assert.IsType<S3BlobStore>(provider.GetRequiredService<IBlobStore>());

        Assert.Equal(("s3", "hub-models"), (store.Kind, store.Bucket));
    }

    [Theory]
    [InlineData("Hub:Storage:Blobs", "azure")]
    [InlineData("Hub:Storage:S3:Bucket", "Not_A_Bucket")]
    [InlineData("Hub:Storage:S3:ServiceUrl", "127.0.0.1:7480")]
    [InlineData("Hub:Storage:S3:SecretKey", "")]
    public void Bad_settings_fail_options_validation(string setting, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hub:Storage:Blobs"] = "s3",
            ["Hub:Storage:S3:ServiceUrl"] = "http://127.0.0.1:1",
            ["Hub:Storage:S3:AccessKey"] = "a",
            ["Hub:Storage:S3:SecretKey"] = "s",
        };
        settings[setting] = value;
        using var provider = Build(settings);

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);
    }

    [Fact]
    public void Options_bound_by_AddHubStorage_are_not_bound_twice()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        services.AddHubStorage(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<StorageOptions>));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddHubBlobs(configuration).BuildServiceProvider();
    }
}
