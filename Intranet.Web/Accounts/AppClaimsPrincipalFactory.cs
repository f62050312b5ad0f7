using System.Globalization;
using System.Security.Claims;
using Intranet.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Accounts;

/// <summary>Puts the role, unit, group and name in the cookie, so scope is known without a query per request.</summary>
internal sealed class AppClaimsPrincipalFactory(UserManager<AppUser> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(IntranetClaims.DisplayName, user.DisplayName));
        if (user.UnitId is { } unitId)
        {
            identity.AddClaim(new Claim(IntranetClaims.UnitId, unitId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.GroupId is { } groupId)
        {
            identity.AddClaim(new Claim(IntranetClaims.GroupId, groupId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(IntranetClaims.MustChangePassword, "true"));
        }

        return identity;
    }
}

/// <summary>A disabled account cannot sign in, whatever its password.</summary>
internal sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}
