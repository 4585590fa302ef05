namespace Hub.Web.Api;

/// <summary>One value of a list facet and how many repositories have it.</summary>
public sealed record FacetCount(string Value, long Count);
