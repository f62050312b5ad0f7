using Intranet.Web.Dashboard;

namespace Intranet.Web.Register;

public static class RegisterExtensions
{
    public static WebApplicationBuilder AddRegister(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RegisterQueries>();
        builder.Services.AddDashboardPanel<RegisterPanel>();
        builder.Services.AddScoped<RegisterCommands>();
        builder.Services.AddScoped<Duplicates.DuplicateQueries>();
        builder.Services.AddScoped<Duplicates.RetireeMerge>();
        builder.Services.AddScoped<Rosters.RosterQueries>();

        // Importing the register from an office's spreadsheet (Import/).
        builder.Services.Configure<Import.RegisterImportOptions>(builder.Configuration.GetSection(Import.RegisterImportOptions.Section));
        builder.Services.AddScoped<Import.RegisterImport>();
        builder.Services.AddSingleton<Import.ImportPreviews>();

        // The organisation the register hangs on (三级管理): units and their groups, kept by the administrator.
        builder.Services.AddScoped<Organisation.UnitAdmin>();
        builder.Services.AddScoped<Organisation.GroupAdmin>();
        builder.Services.AddScoped<Organisation.OrganisationChanges>();
        return builder;
    }
}
