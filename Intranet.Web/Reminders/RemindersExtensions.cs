using Intranet.Web.Dashboard;
using Intranet.Web.Jobs;

namespace Intranet.Web.Reminders;

public static class RemindersExtensions
{
    /// <summary>The reminder inbox, its header count and dashboard panel, and the jobs page (the jobs themselves are Intranet.Jobs').</summary>
    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ReminderQueries>();
        builder.Services.AddScoped<ReminderCommands>();
        builder.Services.AddScoped<JobsAdmin>();
        builder.Services.AddDashboardPanel<RemindersPanel>();
        return builder;
    }
}
