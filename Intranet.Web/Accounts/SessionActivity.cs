using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>A session with no request and no click for this long is signed out.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest a sign-in lasts even when active (a working day).</summary>
    public TimeSpan MaxSessionLength { get; set; } = TimeSpan.FromHours(10);

    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>Password of the demo accounts; they exist only while demo data is on.</summary>
    public string DemoPassword { get; set; } = "tuixiu-demo-2026";
}

public sealed class BootstrapAdminOptions
{
    public string UserName { get; set; } = "admin";

    public string DisplayName { get; set; } = "系统管理员";

    /// <summary>When no administrator exists, one is made with this password, to be changed at first sign-in.</summary>
    public string? Password { get; set; }
}

/// <summary>
/// When each sign-in session last did anything: an HTTP request or a click in its Blazor circuit. A cookie
/// alone cannot tell, because a person working in a circuit sends no requests that would renew it.
/// </summary>
public sealed class SessionActivity(TimeProvider time, IOptions<AccountOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);

    public TimeSpan IdleTimeout => options.Value.IdleTimeout;

    public void Touch(string sessionId) => _lastSeen[sessionId] = time.GetUtcNow();

    /// <summary>
    /// Idle too long. A session the server has not seen (it restarted) starts counting now rather than
    /// throwing everyone out; the cookie's own lifetime still bounds it.
    /// </summary>
    public bool IsExpired(string sessionId)
    {
        var now = time.GetUtcNow();
        var last = _lastSeen.GetOrAdd(sessionId, now);
        return now - last >= IdleTimeout;
    }

    public void End(string sessionId) => _lastSeen.TryRemove(sessionId, out _);
}
