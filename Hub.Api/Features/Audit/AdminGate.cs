using Hub.Api.Auth;
using Hub.Api.Http;

namespace Hub.Api.Features.Audit;

/// <summary>Site-admin routes: anonymous callers get 401, others 403; changes need a write credential.</summary>
public static class AdminGate
{
    public static HfError? Refuse(HubCaller caller, bool write)
    {
        if (!caller.IsAuthenticated) return HfErrors.Unauthorized("You must be signed in as a site administrator.");
        if (!caller.IsAdmin) return HfErrors.Forbidden("Only site administrators may use this route.");
        if (write && !caller.CredentialAllowsWrite) return HfErrors.Forbidden("This is a read token: it cannot run administrative actions.");
        return null;
    }
}
