using System.Globalization;
using Intranet.Web.Accounts;
using Intranet.Web.Components;
using Intranet.Web.Localization;
using Radzen;

namespace Intranet.Web.Platform;

public static class UiExtensions
{
    /// <summary>The one culture the office works in: dates, numbers and every component text.</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-CN");

    public static WebApplicationBuilder AddIntranetUi(this WebApplicationBuilder builder)
    {
        CultureInfo.DefaultThreadCurrentCulture = Culture;
        CultureInfo.DefaultThreadCurrentUICulture = Culture;

        builder.Services.Configure<OfficeOptions>(builder.Configuration.GetSection(OfficeOptions.Section));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        // Chinese goes out as Chinese characters, not as numeric entities three times their size.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRadzenComponents();
        builder.Services.AddScoped<OncePerVisit>();
        builder.Services.AddSingleton<ILocalizer, RadzenChineseLocalizer>();
        return builder;
    }

    public static WebApplication UseIntranet(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAccountSessions();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");

        // Our own Content-Security-Policy says frame-ancestors 'none'; Blazor's second header ('self') would only repeat it
        // less strictly. The circuit's WebSocket compression stays on.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
