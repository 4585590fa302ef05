using Hub.Storage.Metadata.Repositories;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    [Fact]
    public async Task Search_finds_card_words_by_prefix_and_ids_by_substring()
    {
        var u = Guid.NewGuid().ToString("N")[..10];
        var owner = await NewUserAsync();
        var quantum = await NewRepoAsync(owner.Id, $"alpha{u}");
        var classic = await NewRepoAsync(owner.Id, $"beta{u}");
        await Index(quantum, $"Quantum{u} entanglement-{u}X of GPT2{u}; über{u}");
        await Index(classic, $"classical{u} mechanics{u} ENTANGLEMENT-{u}y");

        async Task<string[]> Search(string search) =>
            (await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, search), Ct)).Items.Select(r => r.Id).Order().ToArray();
        string[] Ids(params RepositoryRecord[] repos) => repos.Select(r => r.Id).Order().ToArray();

        Assert.Equal(Ids(quantum), await Search($"quantum{u}"));
        Assert.Equal(Ids(quantum), await Search($"QUANTUM{u.ToUpperInvariant()[..6]}"));
        Assert.Equal(Ids(quantum), await Search($"gpt2{u}"));
        // Words are ASCII letters and digits: "über…" indexes as "ber…", and a hyphen separates words.
        Assert.Equal(Ids(quantum), await Search($"ber{u}"));
        Assert.Equal(Ids(quantum, classic), await Search($"entanglement {u}"));
        Assert.Equal(Ids(classic), await Search($"{u}Y mech"));
        // Every word must match; a word's middle is no match.
        Assert.Empty(await Search($"quantum{u} mechanics{u}"));
        Assert.Empty(await Search($"uantum{u}"));
        // The id still matches as a substring, even in a word's middle.
        Assert.Equal(Ids(quantum), await Search($"lpha{u}"));
        Assert.Equal(Ids(quantum, classic), await Search($"{owner.Name}/"));

        Task Index(RepositoryRecord repo, string card) => Repositories.UpdateIndexAsync(repo.Id,
            new RepositoryIndexUpdate(new string('0', 40), Time.GetUtcNow(), null, null, null, null, [],
                SearchText.Build([repo.FullName, card])), Ct);
    }

    [Fact]
    public async Task Library_license_and_language_filters_match_the_indexed_values()
    {
        var token = Unique("facet");
        var owner = await NewUserAsync();
        var a = await NewRepoAsync(owner.Id, $"{token}-a");
        var b = await NewRepoAsync(owner.Id, $"{token}-b");
        var c = await NewRepoAsync(owner.Id, $"{token}-c");
        await Index(a, "transformers", "transformers", "license:mit", "en", "fr");
        await Index(b, "gguf", "gguf", "license:apache-2.0", "en");
        await Index(c, null, "license:mit", "de");

        async Task<string[]> List(string? library = null, string? license = null, string? language = null) =>
            (await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, token, Library: library, License: license, Language: language), Ct))
            .Items.Select(r => r.Id).Order().ToArray();
        string[] Ids(params RepositoryRecord[] repos) => repos.Select(r => r.Id).Order().ToArray();

        Assert.Equal(Ids(a), await List(library: "transformers"));
        Assert.Equal(Ids(a, c), await List(license: "mit"));
        Assert.Equal(Ids(a, b), await List(language: "en"));
        Assert.Equal(Ids(a), await List(license: "mit", language: "en"));
        Assert.Empty(await List(library: "gguf", license: "mit"));

        Task Index(RepositoryRecord repo, string? library, params string[] tags) => Repositories.UpdateIndexAsync(repo.Id,
            new RepositoryIndexUpdate(new string('0', 40), Time.GetUtcNow(), null, null, library, null, tags), Ct);
    }

    [Fact]
    public async Task Reindexing_replaces_the_tags_that_filters_records_and_lookups_see()
    {
        var token = Unique("retag");
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, $"{token}-r");
        await Retag("old-tag", "kept", "license:mit");
        await Retag("kept", "new-tag", "license:apache-2.0");

        async Task<string[]> List(string[] tags, string? license = null) =>
            (await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, token, Tags: tags, License: license), Ct))
            .Items.Select(r => r.Id).ToArray();

        Assert.Empty(await List(["old-tag"]));
        Assert.Empty(await List([], license: "mit"));
        Assert.Equal([repo.Id], await List(["kept", "new-tag"], license: "apache-2.0"));
        Assert.Empty(await List(["kept", "old-tag"]));
        string[] expected = ["kept", "license:apache-2.0", "new-tag"];
        var listed = (await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, token), Ct)).Items.Single();
        Assert.Equal(expected, listed.Tags);
        Assert.Equal(expected, (await Repositories.GetAsync(repo.Id, Ct))!.Tags);
        Assert.Equal(expected, (await Repositories.FindAsync("model", repo.FullName, Ct))!.Tags);

        Task Retag(params string[] tags) => Repositories.UpdateIndexAsync(repo.Id,
            new RepositoryIndexUpdate(new string('0', 40), Time.GetUtcNow(), null, null, null, null, tags), Ct);
    }
}
