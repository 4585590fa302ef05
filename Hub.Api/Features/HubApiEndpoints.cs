using Hub.Api.Auth;
using Hub.Api.Features.Accounts;
using Hub.Api.Features.Commits;
using Hub.Api.Features.Compat;
using Hub.Api.Features.Discussions;
using Hub.Api.Features.Files;
using Hub.Api.Features.GitHttp;
using Hub.Api.Features.Indexing;
using Hub.Api.Features.Inference;
using Hub.Api.Features.Indexing.Files;
using Hub.Api.Features.Lfs;
using Hub.Api.Features.Likes;
using Hub.Api.Features.Repos;
using Hub.Api.Features.Search;
using Hub.Api.Features.Stats;
using Hub.Api.Features.Webhooks;
using Hub.Api.Http;
using Hub.Api.Security;

namespace Hub.Api.Features;

/// <summary>Registers and maps every feature of the HF-compatible API.</summary>
public static class HubApiEndpoints
{
    public static IServiceCollection AddHubApi(this IServiceCollection services)
    {
        services.AddOptions<LfsOptions>().BindConfiguration(LfsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SigningOptions>().BindConfiguration(SigningOptions.Section);
        services.AddOptions<RepoListOptions>().BindConfiguration(RepoListOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<RepoAuthorization>();
        services.AddSingleton<WebhookNotifier>();
        services.AddHostedService<WebhookSender>();
        services.AddSingleton<RepoLookup>();
        services.AddSingleton<RevisionResolver>();
        services.AddSingleton<RepoFiles>();
        services.AddSingleton<RevisionPaths>();
        services.AddSingleton<RepoIndexer>();
        services.AddSingleton<RevisionIndexer>();
        services.AddSingleton<WeightFiles>();
        services.AddSingleton<IndexedFileSource>();
        services.AddSingleton<CardRenderer>();
        services.AddSingleton<CardService>();
        services.AddOptions<StatsOptions>().BindConfiguration(StatsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DownloadCounter>();
        services.AddSingleton<ListResponseCache>();
        services.AddHostedService<DownloadFlushService>();
        services.AddSingleton<StatsRecomputeJob>();
        services.AddHostedService(sp => sp.GetRequiredService<StatsRecomputeJob>());
        services.AddSingleton<RepoCreationService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<Auth.WebSessionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<Auth.WebSessionSweeper>());
        services.AddSingleton<CommitService>();
        services.AddSingleton<DiscussionNumbers>();
        services.AddSingleton<PullRequestLog>();
        services.AddSingleton<PullRequestGit>();
        services.AddSingleton<PullRequestMerger>();
        services.AddSingleton<DiscussionService>();
        services.AddSingleton<LfsUrls>();
        services.AddSingleton<LfsUploads>();
        services.AddSingleton<Lfs.Inline.InlineUploadHashes>();
        services.AddSingleton<LfsDownloads>();
        services.AddSingleton<GitHttpService>();
        services.AddSingleton<PushHooks>();
        services.AddSingleton<PushPolicy>();
        services.AddHubInferenceApi();
        services.AddSingleton<UploadSessionReaper>();
        services.AddHostedService(sp => sp.GetRequiredService<UploadSessionReaper>());
        services.AddHubSecurity();
        return services;
    }

    public static IEndpointRouteBuilder MapHubApi(this IEndpointRouteBuilder app)
    {
        app.MapWhoAmIEndpoints();
        app.MapAccountEndpoints();
        app.MapTokenEndpoints();
        app.MapOrganizationEndpoints();
        app.MapRepoManagementEndpoints();
        app.MapRepoListEndpoints();
        app.MapRepoInfoEndpoints();
        app.MapTreeEndpoints();
        app.MapRefEndpoints();
        app.MapPreuploadEndpoints();
        app.MapCommitEndpoints();
        app.MapCompatEndpoints();
        app.MapDiscussionEndpoints();
        app.MapLfsBatchEndpoints();
        app.MapLfsTransferEndpoints();
        app.MapResolveEndpoints();
        app.MapGitHttpEndpoints();
        app.MapPushHookEndpoints();
        app.MapInferenceEndpoints();
        app.MapCardEndpoints();
        app.MapLikeEndpoints();
        app.MapWebhookEndpoints();
        app.MapQuickSearchEndpoints();
        app.MapDownloadStatsEndpoints();
        app.MapRepoFacetEndpoints();
        app.MapHubSecurity();
        return app;
    }
}
