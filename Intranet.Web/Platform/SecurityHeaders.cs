using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Intranet.Web.Platform;

/// <summary>
/// The HTTP side of keeping personal data in: headers on every response (OWASP ASVS level 2), and the real
/// scheme and client address when a TLS-terminating reverse proxy (nginx, IIS) stands in front, so that
/// cookies are <c>Secure</c> and HSTS is sent whenever the browser is on HTTPS.
/// </summary>
public static class SecurityHeaders
{
    public const string Section = "ReverseProxy";

    /// <summary>
    /// Blazor Server and Radzen run without eval and without inline scripts. <c>'unsafe-inline'</c> is allowed
    /// for styles only: Radzen renders <c>style="…"</c> attributes (widths, positions of popups and grids), and
    /// Blazor applies them with <c>setAttribute</c>, which a stricter policy would block, breaking the layout.
    /// The circuit's WebSocket is same-origin, which <c>connect-src 'self'</c> covers.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        // Read when the options are first used, so that settings added after this call (tests, hosts) count too.
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var proxy = configuration.GetSection(Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
            // X-Forwarded-Host is not taken: the app builds no absolute links, and a forged host is a risk for nothing.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;

            // Loopback only, unless the office names its proxy; a header from anyone else is ignored.
            if (proxy.KnownProxies.Length > 0 || proxy.KnownNetworks.Length > 0)
            {
                options.KnownProxies.Clear();
                options.KnownNetworks.Clear();
                foreach (var address in proxy.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(address));
                }

                foreach (var network in proxy.KnownNetworks)
                {
                    var parts = network.Split('/');
                    options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: the forwarded scheme must be known before cookies and headers are written.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000";
                }

                // Every page is behind sign-in and may carry personal data, and so does every export: nothing is
                // kept in a browser's or a proxy's cache. Static assets set their own caching and keep it.
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private sealed class ReverseProxyOptions
    {
        /// <summary>Addresses of the reverse proxies whose X-Forwarded-* headers are believed, e.g. "10.0.0.5".</summary>
        public string[] KnownProxies { get; init; } = [];

        /// <summary>Networks of such proxies in CIDR form, e.g. "10.0.0.0/24".</summary>
        public string[] KnownNetworks { get; init; } = [];
    }
}
