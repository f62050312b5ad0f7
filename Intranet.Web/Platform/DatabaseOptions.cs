namespace Intranet.Web.Platform;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>SQLite file, relative to the app's content root unless absolute.</summary>
    public string Path { get; set; } = "App_Data/intranet.db";

    /// <summary>A full connection string wins over <see cref="Path"/> when set.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>Seed a fictional register into an empty database. Never on in production.</summary>
    public bool Enabled { get; set; }

    public int RetireeCount { get; set; } = 3600;

    public int Seed { get; set; } = 20191218;
}
