using Intranet.Jobs;
using Intranet.Web.Accounts;
using Intranet.Web.Accounts.Administration;
using Intranet.Web.Activities;
using Intranet.Web.Audit;
using Intranet.Web.Contests;
using Intranet.Web.Dashboard;
using Intranet.Web.Platform.Live;
using Intranet.Web.Register;
using Intranet.Web.Register.Import;
using Intranet.Web.Reminders;
using Intranet.Web.University;
using Intranet.Web.Welfare;

namespace Intranet.Web.Platform;

/// <summary>
/// Builds the whole app. <c>Program</c> calls it with the command line; the browser tests call it to run
/// the real app on Kestrel beside them. Each feature contributes its own <c>AddXxx</c>/<c>MapXxx</c>.
/// </summary>
public static class IntranetApp
{
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);

        builder.AddIntranetSettings();
        builder.AddIntranetDatabase();
        builder.AddLiveUpdates();
        builder.AddDashboard();
        builder.AddIntranetUi();
        builder.AddSecurityHeaders();
        builder.AddAccounts();
        builder.AddRegister();
        builder.AddWelfare();
        builder.AddUniversity();
        builder.AddActivities();
        builder.AddContests();
        builder.AddReminders();
        builder.AddAuditPages();
        builder.AddAdmin();
        builder.AddIntranetJobs();
        configure?.Invoke(builder);

        var app = builder.Build();

        app.UseIntranet();
        app.MapAccountEndpoints();
        app.MapRegisterExport();
        app.MapRegisterImport();
        app.MapCampaignExport();
        app.MapUniversityExport();
        app.MapLiveUpdates();
        return app;
    }
}
