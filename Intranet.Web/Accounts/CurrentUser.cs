using System.Security.Claims;
using Intranet.Domain.Accounts;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Intranet.Web.Accounts;

/// <summary>
/// The signed-in person for this scope: the HTTP request's user, or inside a Blazor circuit (where there
/// is no HttpContext) the circuit's user, kept current by <see cref="CurrentUserCircuitHandler"/>.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());
    private ClaimsPrincipal? _circuitUser;

    public ClaimsPrincipal Principal => _circuitUser ?? httpContextAccessor.HttpContext?.User ?? Anonymous;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public string? UserName => IsAuthenticated ? Principal.Identity!.Name : null;

    public string? DisplayName => Principal.FindFirstValue(IntranetClaims.DisplayName) ?? UserName;

    public UserRole? Role => IsAuthenticated ? Principal.Role() : null;

    public AccessScope Scope => IsAuthenticated ? Principal.Scope() : AccessScope.Nothing;

    public bool Can(Func<UserRole, bool> permission) => Role is { } role && permission(role);

    /// <summary>Which personal numbers this person sees (masked, revealable) and which not at all.</summary>
    public PersonalDataRules PersonalData => PersonalDataRules.For(Role);

    /// <summary>Only known for HTTP requests; circuit actions are logged without it.</summary>
    public string? IpAddress => _circuitUser is null ? httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString() : null;

    internal void SetCircuitUser(ClaimsPrincipal user) => _circuitUser = user;
}

/// <summary>
/// Per circuit: keeps <see cref="CurrentUser"/> current, counts every click as activity of the sign-in
/// session, and when the session has been idle too long tells the page (through <see cref="IdleSignal"/>).
/// </summary>
internal sealed class AccountCircuitHandler(
    AuthenticationStateProvider authentication,
    CurrentUser currentUser,
    SessionActivity activity,
    TimeProvider time,
    IdleSignal idle) : CircuitHandler, IDisposable
{
    private ITimer? _timer;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        currentUser.SetCircuitUser((await authentication.GetAuthenticationStateAsync()).User);
        Touch();
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            Touch();
            return next(context);
        };

    public void Dispose()
    {
        authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
        _timer?.Dispose();
    }

    private void Touch()
    {
        if (currentUser.Principal.SessionOf() is not { } session)
        {
            return;
        }

        activity.Touch(session);
        _timer ??= time.CreateTimer(_ => OnIdle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(activity.IdleTimeout, Timeout.InfiniteTimeSpan);
    }

    private void OnIdle()
    {
        // Another tab of the same sign-in may have been busy meanwhile.
        if (currentUser.Principal.SessionOf() is { } session && activity.IsExpired(session))
        {
            idle.Raise();
        }
        else
        {
            _timer?.Change(activity.IdleTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnAuthenticationChanged(Task<AuthenticationState> task) => _ = UpdateAsync(task);

    private async Task UpdateAsync(Task<AuthenticationState> task)
    {
        try
        {
            currentUser.SetCircuitUser((await task).User);
        }
        catch (Exception) when (!task.IsCompletedSuccessfully)
        {
            // A failed revalidation leaves the previous user; the provider ends the circuit's sign-in.
        }
    }
}

/// <summary>Raised on a timer thread when this circuit's sign-in has gone idle; the layout signs the page out.</summary>
public sealed class IdleSignal
{
    public event Action? Expired;

    internal void Raise() => Expired?.Invoke();
}
