namespace Hub.Storage.Metadata.Accounts;

/// <summary>A user's role (<c>read</c>, <c>write</c>, <c>admin</c>) in an organization.</summary>
public sealed record MembershipRecord(long OrganizationId, string OrganizationName, long UserId, string UserName, string Role);
