using System.Security.Claims;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Web.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Accounts;

public static class AccountsExtensions
{
    public const string LoginPath = "/account/login";
    public const string ChangePasswordPath = "/account/change-password";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AccountOptions>(builder.Configuration.GetSection(AccountOptions.Section));

        services.AddHttpContextAccessor();
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddScoped<CurrentUser>();
        services.AddScoped<Domain.Common.ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<AuditLog>();
        services.AddScoped<IdleSignal>();
        services.AddScoped<CircuitHandler, AccountCircuitHandler>();
        services.AddSingleton<SessionActivity>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResultHandler>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "intranet.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;

            // Secure whenever the browser is on HTTPS, also behind a TLS-terminating proxy (see SecurityHeaders).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = false;
            cookie.Events.OnValidatePrincipal = RejectIdleSessionAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AccountOptions>>((cookie, accounts) => cookie.ExpireTimeSpan = accounts.Value.MaxSessionLength);
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(5);

            // Re-issued cookies (after a stamp check) keep their session, or idle tracking would restart.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(IntranetClaims.SessionId) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaim(new Claim(IntranetClaims.SessionId, session.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddIdentityCore<AppUser>(identity =>
            {
                identity.Password.RequiredLength = 12;
                identity.Password.RequiredUniqueChars = 5;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddUserStore<UserStore>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddPasswordValidator<Passwords.CommonPasswordValidator>()
            .AddPasswordValidator<Passwords.UserNamePasswordValidator>()
            .AddPasswordValidator<Passwords.RecentPasswordValidator>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddSignInManager<AppSignInManager>();

        services.AddHostedService<AccountBootstrap>();
        return builder;
    }

    /// <summary>Counts each request as activity of its sign-in session, and keeps a must-change-password account on that page.</summary>
    public static IApplicationBuilder UseAccountSessions(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true)
            {
                if (user.SessionOf() is { } session)
                {
                    context.RequestServices.GetRequiredService<SessionActivity>().Touch(session);
                }

                if (user.MustChangePasswordOf() && !IsAllowedBeforePasswordChange(context.Request.Path))
                {
                    context.Response.Redirect(ChangePasswordPath);
                    return;
                }
            }

            await next(context);
        });

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, SignInManager<AppUser> signIn, AuditLog audit, [FromForm] string? returnUrl) =>
        {
            await SignOutAsync(context, signIn, audit, "主动退出");
            return Results.LocalRedirect(LoginPath);
        });

        // Reached from a page whose sign-in went idle; a GET so the circuit can send the browser there.
        endpoints.MapGet("/account/expired", async (HttpContext context, SignInManager<AppUser> signIn, AuditLog audit) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                await SignOutAsync(context, signIn, audit, "长时间未操作，自动退出");
            }

            return Results.LocalRedirect(LoginPath + "?expired=1");
        });

        return endpoints;
    }

    private static async Task SignOutAsync(HttpContext context, SignInManager<AppUser> signIn, AuditLog audit, string reason)
    {
        if (context.User.SessionOf() is { } session)
        {
            context.RequestServices.GetRequiredService<SessionActivity>().End(session);
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.SignOut) { Details = reason });
        }

        await signIn.SignOutAsync();
    }

    private static bool IsAllowedBeforePasswordChange(PathString path) =>
        path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        || Path.HasExtension(path.Value);

    private static async Task RejectIdleSessionAsync(CookieValidatePrincipalContext context)
    {
        // Identity's own check of the security stamp (a changed password, a disabled account) runs first.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal?.SessionOf() is { } session
            && context.HttpContext.RequestServices.GetRequiredService<SessionActivity>().IsExpired(session))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
