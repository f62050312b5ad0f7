using Intranet.Web.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intranet.Tests.Support;

/// <summary>
/// The real app over its own SQLite file. Demo data is off unless asked for; tests make their own data.
/// </summary>
public class IntranetAppFactory : WebApplicationFactory<Program>, ITestApp
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public IntranetAppFactory(int demoRetirees = 0, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Database = new TestDatabase();
        _settings = Settings(Database, demoRetirees, settings);
    }

    internal static Dictionary<string, string?> Settings(TestDatabase database, int demoRetirees, IDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Path"] = database.FilePath,
            ["DemoData:Enabled"] = demoRetirees > 0 ? "true" : "false",
            ["DemoData:RetireeCount"] = demoRetirees.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:Enabled"] = "false",

            // No administrator unless a test asks for one; tests make the accounts they need.
            ["Accounts:BootstrapAdmin:Password"] = string.Empty,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public TestDatabase Database { get; }

    /// <summary>Everything the app logged, to check that nothing personal ends up in logs.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, as a developer runs it, so static web assets (Radzen's css and js) are served.
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
        }
    }
}

/// <summary>
/// The real app on Kestrel at a loopback port, for a real browser: built by the same
/// <see cref="IntranetApp.Build"/> as <c>Program</c>, over its own SQLite file.
/// </summary>
public sealed class KestrelApp : ITestApp, IAsyncDisposable
{
    private readonly int _demoRetirees;
    private readonly IDictionary<string, string?>? _settings;
    private WebApplication _app;

    private KestrelApp(WebApplication app, TestDatabase database, Uri address, CapturedLogs logs, int demoRetirees, IDictionary<string, string?>? settings)
    {
        _app = app;
        Database = database;
        ServerAddress = address;
        Logs = logs;
        _demoRetirees = demoRetirees;
        _settings = settings;
    }

    public TestDatabase Database { get; }

    public Uri ServerAddress { get; }

    public IServiceProvider Services => _app.Services;

    public CapturedLogs Logs { get; }

    /// <summary>Starts the app; the demo register, if asked for, is seeded by the app itself as in production.</summary>
    public static async Task<KestrelApp> StartAsync(int demoRetirees = 0, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var database = new TestDatabase();
        var logs = new CapturedLogs();
        var app = await BuildAndStartAsync(database, logs, demoRetirees, settings, services, "http://127.0.0.1:0");
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelApp(app, database, new Uri(address), logs, demoRetirees, settings);
    }

    /// <summary>Stops the app and starts it again at the same address over the same database, as a server restart does.</summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = await BuildAndStartAsync(Database, Logs, _demoRetirees, _settings, null, ServerAddress.GetLeftPart(UriPartial.Authority));
    }

    private static async Task<WebApplication> BuildAndStartAsync(
        TestDatabase database, CapturedLogs logs, int demoRetirees, IDictionary<string, string?>? settings, Action<IServiceCollection>? services, string url)
    {
        var options = new WebApplicationOptions
        {
            ApplicationName = typeof(IntranetApp).Assembly.GetName().Name,
            EnvironmentName = "Development",
            ContentRootPath = WebProjectFolder(),
        };
        var app = IntranetApp.Build(options, builder =>
        {
            builder.WebHost.UseUrls(url);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(IntranetAppFactory.Settings(database, demoRetirees, settings)));
            builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Database.Dispose();
    }

    private static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Intranet.sln")))
            {
                return Path.Combine(dir.FullName, "Intranet.Web");
            }
        }

        throw new InvalidOperationException("Intranet.sln not found above the test's folder.");
    }
}

/// <summary>What the test helpers need of a running app, whether on the test server or on Kestrel.</summary>
public interface ITestApp
{
    IServiceProvider Services { get; }

    TestDatabase Database { get; }
}
