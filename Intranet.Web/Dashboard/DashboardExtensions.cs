namespace Intranet.Web.Dashboard;

public static class DashboardExtensions
{
    /// <summary>The dashboard's shared figures; each area adds its panels in its own <c>Add…()</c> with <see cref="AddDashboardPanel{T}"/>.</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DashboardFigures>();
        builder.Services.AddScoped<DisplayDevices>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DashboardFigures>());
        return builder;
    }

    public static IServiceCollection AddDashboardPanel<T>(this IServiceCollection services)
        where T : DashboardPanel
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton<DashboardPanel, T>();
    }
}
