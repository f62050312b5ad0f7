namespace Intranet.Web.Audit;

public static class AuditExtensions
{
    /// <summary>The audit log page's and the record histories' reads. Writing the trail is the DbContext's and <see cref="AuditLog"/>'s.</summary>
    public static WebApplicationBuilder AddAuditPages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AuditQueries>();
        builder.Services.AddScoped<AuditHistoryQueries>();
        return builder;
    }
}
