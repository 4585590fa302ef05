using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    [Fact]
    public async Task Finding_a_token_by_hash_is_one_query()
    {
        var user = await NewUserAsync();
        var hash = Oid();
        await Tokens.AddAsync(new NewAccessToken(user.Id, "t", hash, "hf_x", "read", null, null), Ct);

        var mark = Database.Commands.Mark();
        var found = await Tokens.FindByHashAsync(hash, Ct);

        Assert.Equal(user, found?.User);
        Assert.Single(Database.Commands.Since(mark));
    }

    [Fact]
    public async Task Listing_a_page_with_its_tags_is_one_query()
    {
        var token = Unique("trip");
        var owner = await NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            var repo = await NewRepoAsync(owner.Id, $"{token}-{i}");
            await Repositories.UpdateIndexAsync(repo.Id,
                new RepositoryIndexUpdate(new string('0', 40), Time.GetUtcNow(), null, null, null, null, [$"t{i}", "common"]), Ct);
        }

        var mark = Database.Commands.Mark();
        var page = await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, token, Tags: ["common"]), Ct);

        Assert.Equal(5, page.Items.Count);
        Assert.All(page.Items, r => Assert.Equal(2, r.Tags.Count));
        Assert.Single(Database.Commands.Since(mark));
    }
}
