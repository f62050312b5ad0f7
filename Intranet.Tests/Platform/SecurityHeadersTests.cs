using System.Net;
using Intranet.Domain.Accounts;
using Intranet.Tests.Support;

namespace Intranet.Tests.Platform;

/// <summary>The headers every response carries, and HTTPS behind a reverse proxy, over the real app.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private TestAccount _staff = default!;

    private IntranetAppFactory App { get; } = new();

    public async Task InitializeAsync() => _staff = await App.CreateAccountAsync(UserRole.DistrictStaff);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/register", true)]
    [InlineData("/register/export?status=All", true)]
    public async Task Pages_exports_and_the_sign_in_form_carry_the_security_headers_and_are_never_cached(string path, bool signedIn)
    {
        using var client = signedIn ? await App.SignedInClientAsync(_staff) : App.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");

        // Plain HTTP: no HSTS (it would be ignored, and would lock a misconfigured site out).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Static_assets_keep_their_own_caching()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(new Uri("/_content/Radzen.Blazor/Radzen.Blazor.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}

/// <summary>Behind a TLS-terminating proxy on the same machine (loopback is trusted by default), over Kestrel.</summary>
public sealed class ReverseProxyTests
{
    [Fact]
    public async Task Behind_a_trusted_proxy_on_https_cookies_are_secure_and_hsts_is_sent()
    {
        await using var app = await KestrelApp.StartAsync();
        var account = await app.CreateAccountAsync(UserRole.DistrictStaff);
        using var client = ProxiedClient(app, "https");

        using var form = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.Contains("max-age=", Assert.Single(form.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.All(form.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));

        using var signIn = await TestAccounts.PostLoginAsync(client, account.UserName, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("intranet.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", authCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_forwarded_scheme_from_an_unknown_address_is_ignored()
    {
        // Only 10.9.9.9 is the proxy here, so this loopback client is not.
        await using var app = await KestrelApp.StartAsync(settings: new Dictionary<string, string?> { ["ReverseProxy:KnownProxies:0"] = "10.9.9.9" });
        using var client = ProxiedClient(app, "https");

        using var form = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
        Assert.All(form.Headers.GetValues("Set-Cookie"), cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Plain_http_without_a_proxy_works_as_in_development()
    {
        await using var app = await KestrelApp.StartAsync();
        using var client = ProxiedClient(app, scheme: null);

        using var form = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
    }

    private static HttpClient ProxiedClient(KestrelApp app, string? scheme)
    {
        var client = new HttpClient(new ProxiedCookies { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } })
        {
            BaseAddress = app.ServerAddress,
        };
        if (scheme is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        }

        return client;
    }
}

/// <summary>
/// Carries cookies as the browser behind the proxy would: it is on HTTPS, so it sends back Secure cookies too,
/// though this leg to the app is plain HTTP (where a cookie container would drop them).
/// </summary>
file sealed class ProxiedCookies : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var pair in setCookies.Select(c => c.Split(';')[0].Split('=', 2)))
            {
                _cookies[pair[0]] = pair[1];
            }
        }

        return response;
    }
}
