namespace Hub.Api.Features.GitHttp;

/// <summary>The two git services of smart HTTP.</summary>
public enum GitService
{
    UploadPack,
    ReceivePack,
}
