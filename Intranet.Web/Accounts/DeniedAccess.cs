using Intranet.Domain.Audit;
using Intranet.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Intranet.Web.Accounts;

/// <summary>
/// One audit line for every page or endpoint a signed-in person is turned away from. A page opened by its address
/// is refused here, by the authorization middleware, before anything is rendered; a page reached by a link inside
/// an open page is refused by the router (<c>DeniedPage</c>), which writes the same line.
/// </summary>
internal sealed class AuditedAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            await context.RequestServices.GetRequiredService<AuditLog>().PageDeniedAsync(context.Request.Path, context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

internal static class DeniedAccessAudit
{
    public static Task PageDeniedAsync(this AuditLog audit, string path, CancellationToken cancellationToken = default) =>
        audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied) { Details = $"无权打开页面 {path}" }, cancellationToken);
}
