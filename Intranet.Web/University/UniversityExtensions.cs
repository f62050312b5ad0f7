using Intranet.Web.Dashboard;

namespace Intranet.Web.University;

public static class UniversityExtensions
{
    public static WebApplicationBuilder AddUniversity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<UniversityQueries>();
        builder.Services.AddScoped<UniversityCommands>();
        builder.Services.AddScoped<EnrolmentService>();
        builder.Services.AddDashboardPanel<UniversityPanel>();
        return builder;
    }
}
