using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Support;

/// <summary>A real SQLite file of its own for one test (or one fixture), deleted afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "intranet-tests");

    public TestDatabase()
    {
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
    }

    public string FilePath { get; }

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();

    public DbContextOptions<IntranetDbContext> Options(ICurrentUser? user = null, TimeProvider? time = null) =>
        new DbContextOptionsBuilder<IntranetDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(
                new Domain.Welfare.CondolenceOnDeath(), new Domain.Reminders.ReminderUpkeep(time ?? TimeProvider.System),
                new AuditableEntityInterceptor(user ?? new SystemUser(), time ?? TimeProvider.System))
            .Options;

    public IntranetDbContext CreateContext(ICurrentUser? user = null, TimeProvider? time = null) => new(Options(user, time));

    /// <summary>Creates the schema through the migrations, as the app does.</summary>
    public TestDatabase Migrated()
    {
        using var db = CreateContext();
        db.Database.Migrate();
        return this;
    }

    public IDbContextFactory<IntranetDbContext> Factory(ICurrentUser? user = null, TimeProvider? time = null) => new ContextFactory(this, user, time);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(FilePath + suffix);
            }
            catch (IOException)
            {
                // A file still held open by a finished test host goes with the temp folder.
            }
        }
    }

    private sealed class ContextFactory(TestDatabase database, ICurrentUser? user, TimeProvider? time) : IDbContextFactory<IntranetDbContext>
    {
        public IntranetDbContext CreateDbContext() => database.CreateContext(user, time);
    }
}
