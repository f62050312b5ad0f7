using Intranet.Web.Dashboard;

namespace Intranet.Web.Contests;

public static class ContestExtensions
{
    public static WebApplicationBuilder AddContests(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ContestQueries>();
        builder.Services.AddDashboardPanel<ContestsPanel>();
        builder.Services.AddScoped<ContestCommands>();
        return builder;
    }
}
