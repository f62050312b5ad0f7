using Intranet.Web.Dashboard;

namespace Intranet.Web.Welfare;

public static class WelfareExtensions
{
    public static WebApplicationBuilder AddWelfare(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<WelfareOptions>(builder.Configuration.GetSection(WelfareOptions.Section));
        builder.Services.AddScoped<WelfareQueries>();
        builder.Services.AddScoped<WelfareCommands>();
        builder.Services.AddScoped<CampaignService>();
        builder.Services.AddScoped<AidService>();
        builder.Services.AddDashboardPanel<WelfarePanel>();
        return builder;
    }
}
