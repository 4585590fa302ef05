using Hub.Api.Hosting;

namespace Hub.Api.Tests.Hosting;

/// <summary>
/// The configuration files still reload on change, but the hub no longer watches its content root recursively: with
/// the embedded defaults its data (every git repository's folders) lies under it.
/// </summary>
public sealed class ConfigFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hub-config-files-").FullName;

    [Fact]
    public async Task A_hub_whose_data_lies_under_its_content_root_puts_no_watch_on_those_folders()
    {
        for (var i = 0; i < 80; i++) Directory.CreateDirectory(Path.Combine(_root, "data", "repos", $"r{i}", "objects"));
        await File.WriteAllTextAsync(Path.Combine(_root, "appsettings.json"), "{}");
        var before = InotifyWatches();

        await using var app = HubApplication.Build(["--contentRoot", _root, "--Hub:DataDir", Path.Combine(_root, "data")]);

        // The default host watch added one per directory under the root (161 here); other tests' hosts add none either.
        Assert.True(InotifyWatches() - before < 40, $"{InotifyWatches() - before} inotify watches added");
    }

    [Fact]
    public async Task A_changed_appsettings_file_is_read_again()
    {
        var file = Path.Combine(_root, "appsettings.json");
        await File.WriteAllTextAsync(file, """{ "Probe": { "Value": "first" } }""");
        await using var app = HubApplication.Build(["--contentRoot", _root, "--Hub:DataDir", Path.Combine(_root, "data")]);
        Assert.Equal("first", app.Configuration["Probe:Value"]);

        await File.WriteAllTextAsync(file, """{ "Probe": { "Value": "second" } }""");
        File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddSeconds(2)); // polling compares write times

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (app.Configuration["Probe:Value"] != "second" && !deadline.IsCancellationRequested)
            await Task.Delay(200, CancellationToken.None);
        Assert.Equal("second", app.Configuration["Probe:Value"]);
    }

    private static int InotifyWatches() =>
        Directory.EnumerateFiles("/proc/self/fdinfo").Sum(f =>
        {
            try
            {
                return File.ReadLines(f).Count(l => l.StartsWith("inotify wd:", StringComparison.Ordinal));
            }
            catch (IOException)
            {
                return 0; // closed meanwhile
            }
        });

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
