using Intranet.Web.Dashboard;

namespace Intranet.Web.Activities;

public static class ActivitiesExtensions
{
    public static WebApplicationBuilder AddActivities(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ActivityQueries>();
        builder.Services.AddScoped<ActivityCommands>();
        builder.Services.AddDashboardPanel<ActivitiesPanel>();
        return builder;
    }
}
