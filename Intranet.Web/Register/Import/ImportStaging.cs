using System.Text.Json;
using Intranet.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Intranet.Web.Register.Import;

/// <summary>What publishing the staged import came to.</summary>
internal enum PublishOutcome
{
    Published,

    /// <summary>Someone saved one of the people to update since the preview: nothing was written.</summary>
    Changed,

    /// <summary>Someone registered one of the new ID numbers since the preview: nothing was written.</summary>
    Taken,

    /// <summary>More people were added by hand meanwhile than the ids kept free for them: nothing was written.</summary>
    Crowded,
}

/// <summary>
/// An import's scratch database (docs/decisions/0004): a SQLite file of the register's schema where the import is
/// saved through the ordinary pipeline — history lines, pinyin keys, condolence tasks — in as many batches and as much
/// time as it takes, holding no lock on the register. Publishing then copies it into the register with a few
/// statements in one short transaction: all of it, or (when someone changed the same people meanwhile) none of it.
/// </summary>
internal sealed class ImportStaging : IAsyncDisposable
{
    /// <summary>Ids kept free between the register's last person and the import's first, for people added by hand meanwhile.</summary>
    private const int IdsKeptFree = 100;

    private readonly string _path;
    private readonly string _registerPath;
    private readonly string _registerConnectionString;

    private ImportStaging(string path, string registerConnectionString, int firstNewId)
    {
        _path = path;
        _registerConnectionString = registerConnectionString;
        _registerPath = new SqliteConnectionStringBuilder(registerConnectionString).DataSource;
        FirstNewId = firstNewId;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = false, Pooling = false }.ToString();
    }

    /// <summary>New people get ids from here on, in the scratch file and (unchanged) in the register.</summary>
    public int FirstNewId { get; }

    /// <summary>The scratch file; foreign keys off, since the units and groups it points to are the register's.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Makes the scratch file: the schema by the migrations, the people to update copied as they are now, the versions
    /// the preview read them at, and the id sequence moved past the register's.
    /// </summary>
    public static async Task<ImportStaging> CreateAsync(string registerConnectionString, IReadOnlyDictionary<int, long> toUpdate, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"intranet-import-{Guid.NewGuid():N}.db");
        var schema = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = false, Pooling = false }.ToString();
        await using (var db = new IntranetDbContext(new DbContextOptionsBuilder<IntranetDbContext>().UseSqlite(schema).Options))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await using var connection = new SqliteConnection(schema);
        await connection.OpenAsync(cancellationToken);
        var register = new SqliteConnectionStringBuilder(registerConnectionString).DataSource;
        await ExecuteAsync(connection, "ATTACH DATABASE $path AS register", cancellationToken, ("$path", register));
        var ids = JsonSerializer.Serialize(toUpdate.Keys);
        await ExecuteAsync(connection, "INSERT INTO Retirees SELECT * FROM register.Retirees WHERE Id IN (SELECT value FROM json_each($ids))", cancellationToken, ("$ids", ids));
        await ExecuteAsync(connection, "CREATE TABLE ImportExpected (Id INTEGER PRIMARY KEY, Version INTEGER NOT NULL)", cancellationToken);
        await ExecuteAsync(connection,
            "INSERT INTO ImportExpected (Id, Version) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($pairs)",
            cancellationToken, ("$pairs", JsonSerializer.Serialize(toUpdate.Select(p => new[] { p.Key, p.Value }))));
        var last = await LastRetireeIdAsync(connection, "register", cancellationToken);
        var first = last + IdsKeptFree + 1;
        await ExecuteAsync(connection, "DELETE FROM sqlite_sequence WHERE name = 'Retirees'", cancellationToken);
        await ExecuteAsync(connection, "INSERT INTO sqlite_sequence (name, seq) VALUES ('Retirees', $seq)", cancellationToken, ("$seq", first - 1));
        await ExecuteAsync(connection, "DETACH DATABASE register", cancellationToken);
        return new ImportStaging(path, registerConnectionString, first);
    }

    /// <summary>A context over the scratch file with the save pipeline's interceptors, but not the change feed's: nothing is news until published.</summary>
    public IntranetDbContext Context(params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<IntranetDbContext>().UseSqlite(ConnectionString).AddInterceptors(interceptors).Options);

    /// <summary>
    /// Copies the scratch file into the register in one short transaction: the updated people (if still at the versions
    /// the preview read), the new people with their ids, every history line, and any condolence task.
    /// </summary>
    public async Task<(PublishOutcome Outcome, IReadOnlyList<int> Ids)> PublishAsync(CancellationToken cancellationToken)
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        await using var connection = new SqliteConnection(_registerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "ATTACH DATABASE $path AS stage", cancellationToken, ("$path", _path));
        try
        {
            // Commands made by CreateCommand from here on take part in this transaction (Microsoft.Data.Sqlite sets it).
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var last = await LastRetireeIdAsync(connection, "main", cancellationToken);
            if (last >= FirstNewId)
            {
                return (PublishOutcome.Crowded, []);
            }

            var changed = await IdsAsync(connection,
                "SELECT e.Id FROM stage.ImportExpected e LEFT JOIN main.Retirees m ON m.Id = e.Id WHERE m.Id IS NULL OR m.Version <> e.Version", cancellationToken);
            if (changed.Count > 0)
            {
                return (PublishOutcome.Changed, changed);
            }

            var columns = await ColumnsAsync(connection, "Retirees", cancellationToken);
            var set = string.Join(", ", columns.Where(c => c != "Id").Select(Quote));
            await ExecuteAsync(connection,
                $"UPDATE main.Retirees SET ({set}) = (SELECT {set} FROM stage.Retirees s WHERE s.Id = Retirees.Id) WHERE Id IN (SELECT Id FROM stage.ImportExpected)",
                cancellationToken);
            var all = string.Join(", ", columns.Select(Quote));
            try
            {
                await ExecuteAsync(connection, $"INSERT INTO main.Retirees ({all}) SELECT {all} FROM stage.Retirees WHERE Id >= $first", cancellationToken, ("$first", FirstNewId));
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                return (PublishOutcome.Taken, []);
            }

            foreach (var table in new[] { "AuditEntries", "CondolenceTasks" })
            {
                var copied = string.Join(", ", (await ColumnsAsync(connection, table, cancellationToken)).Where(c => c != "Id").Select(Quote));
                await ExecuteAsync(connection, $"INSERT INTO main.{table} ({copied}) SELECT {copied} FROM stage.{table} ORDER BY Id", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return (PublishOutcome.Published, []);
        }
        finally
        {
            await ExecuteAsync(connection, "DETACH DATABASE stage", CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(_path + suffix);
            }
            catch (IOException)
            {
                // A scratch file still held open goes with the temp folder.
            }
        }

        return ValueTask.CompletedTask;
    }

    private static string Quote(string column) => $"\"{column}\"";


    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task<List<int>> IdsAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    /// <summary>The highest person id the register has used (its sequence, or the rows when it has none).</summary>
    private static async Task<int> LastRetireeIdAsync(SqliteConnection connection, string schema, CancellationToken cancellationToken) =>
        Convert.ToInt32(await ScalarAsync(connection,
            $"SELECT MAX(COALESCE((SELECT seq FROM {schema}.sqlite_sequence WHERE name = 'Retirees'), 0), COALESCE((SELECT MAX(Id) FROM {schema}.Retirees), 0))", cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
