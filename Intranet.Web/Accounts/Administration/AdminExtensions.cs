namespace Intranet.Web.Accounts.Administration;

public static class AdminExtensions
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AdminGate>();
        builder.Services.AddScoped<AccountQueries>();
        builder.Services.AddScoped<AccountAdmin>();
        return builder;
    }
}
