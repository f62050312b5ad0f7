namespace Intranet.Web.Register;

public static class RegisterExtensions
{
    public static WebApplicationBuilder AddRegister(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RegisterQueries>();
        builder.Services.AddScoped<RegisterCommands>();
        return builder;
    }
}
