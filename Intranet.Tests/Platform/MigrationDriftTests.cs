using Intranet.Domain.Data;
using Intranet.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Platform;

/// <summary>
/// Migrations are written by hand (the EF design package does not restore here), so this guards them:
/// the schema the migrations build must be the schema the model describes.
/// </summary>
public class MigrationDriftTests
{
    [Fact]
    public void Migrations_build_the_same_schema_as_the_model()
    {
        using var migrated = new TestDatabase();
        using var modelled = new TestDatabase();
        using (var db = migrated.CreateContext())
        {
            db.Database.Migrate();
        }

        using (var db = modelled.CreateContext())
        {
            db.Database.EnsureCreated();
        }

        var expected = Describe(modelled.ConnectionString);
        var actual = Describe(migrated.ConnectionString);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        using var database = new TestDatabase();
        using var db = database.CreateContext();
        db.Database.Migrate();
        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.Contains("Retirees", Describe(database.ConnectionString).Select(line => line.Split(' ')[0]));
    }

    [Fact]
    public void A_migrated_database_is_in_wal_mode()
    {
        using var database = new TestDatabase();
        using (var db = database.CreateContext())
        {
            db.Database.Migrate();
        }

        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    /// <summary>One line per table, column, foreign key and index, sorted, so a difference reads plainly.</summary>
    private static List<string> Describe(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'")
            .Select(r => r[0]).ToList();

        var lines = new List<string>();
        foreach (var table in tables)
        {
            lines.Add($"{table} table");
            foreach (var c in Query(connection, $"PRAGMA table_info(\"{table}\")"))
            {
                // cid, name, type, notnull, dflt_value, pk
                lines.Add($"{table} column {c[1]} {c[2]} notnull={c[3]} default={c[4]} pk={c[5]}");
            }

            foreach (var f in Query(connection, $"PRAGMA foreign_key_list(\"{table}\")"))
            {
                // id, seq, table, from, to, on_update, on_delete, match
                lines.Add($"{table} fk {f[3]} -> {f[2]}.{f[4]} on delete {f[6]}");
            }

            foreach (var i in Query(connection, $"PRAGMA index_list(\"{table}\")"))
            {
                // seq, name, unique, origin, partial
                var columns = Query(connection, $"PRAGMA index_info(\"{i[1]}\")").Select(r => r[2]);
                lines.Add($"{table} index {i[1]} unique={i[2]} ({string.Join(",", columns)})");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static List<string?[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }
}
