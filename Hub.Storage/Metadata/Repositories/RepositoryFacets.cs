namespace Hub.Storage.Metadata.Repositories;

/// <summary>What <see cref="IRepositoryFacetStore.CountAsync"/> found, one list per facet, most repositories first.</summary>
/// <param name="Tasks">Pipeline tags (<c>text-classification</c>…).</param>
/// <param name="Libraries">Library names (<c>transformers</c>…).</param>
/// <param name="Licenses">License ids, without the <c>license:</c> tag prefix.</param>
/// <param name="Languages">Language codes, without the <c>language:</c> prefix datasets use.</param>
/// <param name="Authors">Namespaces (user or organization names).</param>
public sealed record RepositoryFacets(
    IReadOnlyList<RepositoryFacetCount> Tasks,
    IReadOnlyList<RepositoryFacetCount> Libraries,
    IReadOnlyList<RepositoryFacetCount> Licenses,
    IReadOnlyList<RepositoryFacetCount> Languages,
    IReadOnlyList<RepositoryFacetCount> Authors);
