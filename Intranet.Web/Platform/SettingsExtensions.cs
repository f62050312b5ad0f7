using Microsoft.Extensions.Configuration.Json;

namespace Intranet.Web.Platform;

public static class SettingsExtensions
{
    /// <summary>
    /// Reads appsettings*.json from beside the executable, where the build copies them from the repo root.
    /// They go in right after the content root's own JSON files, so environment variables and the command
    /// line still override them as usual.
    /// </summary>
    public static WebApplicationBuilder AddIntranetSettings(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var baseDirectory = AppContext.BaseDirectory;
        if (string.Equals(Path.GetFullPath(builder.Environment.ContentRootPath).TrimEnd('/', '\\'), baseDirectory.TrimEnd('/', '\\'), StringComparison.Ordinal))
        {
            return builder; // A published app: the default sources already read these files.
        }

        var lastJson = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: not null } json && json.Path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                lastJson = i;
            }
        }

        var insertAt = lastJson + 1;
        foreach (var file in new[] { "appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json" })
        {
            var source = new JsonConfigurationSource { Path = Path.Combine(baseDirectory, file), Optional = true, ReloadOnChange = false };
            source.ResolveFileProvider();
            sources.Insert(insertAt++, source);
        }

        return builder;
    }
}
