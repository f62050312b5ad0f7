using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Platform;

public static class DatabaseExtensions
{
    public static WebApplicationBuilder AddIntranetDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        builder.Services.Configure<DemoDataOptions>(builder.Configuration.GetSection(DemoDataOptions.Section));
        builder.Services.AddSingleton<TimeProvider>(services =>
            OfficeTimeProvider.For(services.GetRequiredService<IOptions<OfficeOptions>>().Value.TimeZone));
        builder.Services.AddScoped<AuditableEntityInterceptor>();

        // Read when first needed, not now, so settings added after this call still count.
        builder.Services.AddSingleton(services => new DatabaseConnection(BuildConnectionString(
            services.GetRequiredService<IOptions<DatabaseOptions>>().Value, builder.Environment.ContentRootPath)));

        // Scoped, not singleton: the interceptor needs the scope's (the circuit's) current user.
        builder.Services.AddDbContextFactory<IntranetDbContext>(
            (services, db) => db
                .UseSqlite(services.GetRequiredService<DatabaseConnection>().ConnectionString)
                // Records a save raises or closes (a death's condolence task, the reminders a visit answers) come first,
                // so they are stamped, audited and announced with it.
                .AddInterceptors(
                    new Domain.Welfare.CondolenceOnDeath(), new Domain.Reminders.ReminderUpkeep(services.GetRequiredService<TimeProvider>()),
                    services.GetRequiredService<AuditableEntityInterceptor>(), services.GetRequiredService<ChangeFeedInterceptor>()),
            ServiceLifetime.Scoped);

        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    internal static string BuildConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var path = System.IO.Path.GetFullPath(options.Path, contentRoot);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
    }
}

internal sealed record DatabaseConnection(string ConnectionString);
