using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intranet.Tests.Support;

/// <summary>
/// The real app over its own SQLite file. Demo data is off unless asked for; tests make their own data.
/// </summary>
public class IntranetAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public IntranetAppFactory(int demoRetirees = 0, IDictionary<string, string?>? settings = null)
    {
        Database = new TestDatabase();
        _settings = new Dictionary<string, string?>
        {
            ["Database:Path"] = Database.FilePath,
            ["DemoData:Enabled"] = demoRetirees > 0 ? "true" : "false",
            ["DemoData:RetireeCount"] = demoRetirees.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, as a developer runs it, so static web assets (Radzen's css and js) are served.
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
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
/// The real app on Kestrel at a loopback port, for a real browser. The test server that
/// <see cref="WebApplicationFactory{TEntryPoint}"/> insists on is built beside it and left idle.
/// Both hosts start over the same file, so the demo register is seeded here, once, before either starts.
/// </summary>
public sealed class KestrelAppFactory : IntranetAppFactory
{
    private IHost? _kestrelHost;

    public KestrelAppFactory(int demoRetirees = 0, IDictionary<string, string?>? settings = null)
        : base(0, settings)
    {
        using var db = Database.Migrated().CreateContext();
        if (demoRetirees > 0)
        {
            db.AuditTrailEnabled = false;
            Domain.Register.Demo.DemoRegisterGenerator
                .SeedAsync(db, new Domain.Register.Demo.DemoRegisterOptions(demoRetirees), RegisterBuilder.Today)
                .GetAwaiter().GetResult();
        }
    }

    public Uri ServerAddress
    {
        get
        {
            using var _ = CreateDefaultClient(); // Builds both hosts on first use.
            return ClientOptions.BaseAddress;
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var testHost = builder.Build();

        builder.ConfigureWebHost(web => web.UseKestrel().UseUrls("http://127.0.0.1:0"));
        _kestrelHost = builder.Build();
        _kestrelHost.Start();

        var addresses = _kestrelHost.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        ClientOptions.BaseAddress = new Uri(addresses.Addresses.First());

        testHost.Start();
        return testHost;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kestrelHost?.StopAsync().GetAwaiter().GetResult();
            _kestrelHost?.Dispose();
        }

        base.Dispose(disposing);
    }
}
