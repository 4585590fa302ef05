using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Hub.Api.Features.Accounts;

/// <summary>Sign-up, log-in (UI cookie) and log-out.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth");
        group.MapPost("/signup", SignUpAsync);
        group.MapPost("/login", LogInAsync);
        group.MapPost("/logout", LogOutAsync);
        return app;
    }

    /// <summary>Starts a UI session (see <see cref="WebSessions"/>) and sets its cookie.</summary>
    public static async Task SignInAsync(HttpContext context, UserRecord user, IAccessTokenStore tokens, TimeProvider time, CancellationToken ct) =>
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, await WebSessions.StartAsync(user, tokens, time, ct));

    private static async Task<IResult> SignUpAsync(HttpContext context, AccountService service, IAccessTokenStore tokens, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<CredentialsRequest>(context.Request, ct, 64 * 1024);
        if (error is not null) return error;
        if (Names.ValidateNamespace(body!.Username) is { } nameError) return HfErrors.BadRequest(nameError);
        if (body.Password is null || body.Password.Length < AccountService.MinPasswordLength)
            return HfErrors.BadRequest($"A password has at least {AccountService.MinPasswordLength} characters.");
        if (body.FullName is { Length: > 256 }) return HfErrors.BadRequest("A full name has at most 256 characters.");
        if (body.Email is { Length: > 0 } email && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 320))
            return HfErrors.BadRequest("The email address is not valid.");
        try
        {
            var user = await service.SignUpAsync(body.Username!, body.Password, body.Email, body.FullName, isAdmin: false, ct);
            await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), user.Id, "user.signup", user.Name, null, context.Connection.RemoteIpAddress?.ToString()), ct);
            await SignInAsync(context, user, tokens, time, ct);
            return TypedResults.Ok(new { name = user.Name });
        }
        catch (NameTakenException)
        {
            return HfErrors.Conflict($"The name '{body.Username}' is already taken.");
        }
    }

    private static async Task<IResult> LogInAsync(HttpContext context, AccountService service, IAccessTokenStore tokens, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<CredentialsRequest>(context.Request, ct, 64 * 1024);
        if (error is not null) return error;
        var user = body!.Username is { Length: > 0 } && body.Password is { Length: > 0 }
            ? await service.VerifyPasswordAsync(body.Username, body.Password, ct)
            : null;
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), user?.Id, user is null ? "user.login_failed" : "user.login", body.Username, null, context.Connection.RemoteIpAddress?.ToString()), ct);
        if (user is null) return HfErrors.Unauthorized("Invalid username or password.");
        await SignInAsync(context, user, tokens, time, ct);
        return TypedResults.Ok(new { name = user.Name });
    }

    private static async Task<IResult> LogOutAsync(HttpContext context, IAccessTokenStore tokens, TimeProvider time, CancellationToken ct)
    {
        await WebSessions.EndAsync(context.User, tokens, time, ct);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Ok(new { });
    }
}
