using System.Diagnostics;
using System.Globalization;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Register.Demo;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Spreadsheets;
using Intranet.Web.Register.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intranet.Benchmarks;

/// <summary>
/// Importing an office's sheet into the demo register as district staff: the preview (reading the .xlsx, parsing and
/// matching every row) and the commit (all or nothing, with history lines), each timed, with the memory it takes, the
/// longest another user's save waited meanwhile, and the commit against raw SQL writing the same rows.
/// </summary>
internal static class ImportBench
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] Given = ["秀英", "桂兰", "建国", "志强", "淑珍", "玉梅", "德明", "文华", "丽华", "国庆", "永红", "成林", "凤英", "家和"];

    public static async Task RunAsync(int retirees, int rows, int runs)
    {
        var (template, connectionString, factory) = BenchSupport.NewDatabase("import");
        byte[] file;
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.AuditTrailEnabled = false;
            await DemoRegisterGenerator.SeedAsync(db, new DemoRegisterOptions(retirees), DateOnly.FromDateTime(DateTime.Today));
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            file = await SheetAsync(db, rows);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        SqliteConnection.ClearAllPools();
        Console.WriteLine($"Register of {retirees:N0}; the sheet: {rows:N0} rows, {file.Length / 1024.0 / 1024.0:F1} MB .xlsx (a fifth updates of people in the register, 1 in 100 refused).");
        Console.WriteLine();
        Console.WriteLine($"| run | preview s | commit s | raw SQL s | × raw | heap growth MB (preview / commit) | working set growth MB | longest wait of another save during commit ms (saves) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var run = 0; run <= runs; run++)
        {
            var (path, connection, runFactory) = BenchSupport.NewDatabase("import-run");
            File.Copy(template, path, overwrite: true);
            var user = BenchSupport.Staff();
            var import = new RegisterImport(runFactory, user, new AuditLog(runFactory, user, TimeProvider.System), TimeProvider.System, Options.Create(new RegisterImportOptions()),
                new AuditableEntityInterceptor(user, TimeProvider.System), new NoFeed());

            ImportPreview preview;
            double previewSeconds, previewHeap, commitSeconds, commitHeap, workingSet;
            using (var memory = new MemoryWatch())
            {
                var watch = Stopwatch.StartNew();
                var result = await import.PreviewAsync(new MemoryStream(file), "花名册.xlsx");
                previewSeconds = watch.Elapsed.TotalSeconds;
                preview = result.Value ?? throw new InvalidOperationException(string.Join(" ", result.Errors));
                previewHeap = memory.PeakGrowthMegabytes;
                workingSet = memory.WorkingSetGrowthMegabytes;
            }

            // Another user saving one person again and again while the import commits.
            using var stop = new CancellationTokenSource();
            var other = OtherUserSavesAsync(runFactory, stop.Token);
            using (var memory = new MemoryWatch())
            {
                var watch = Stopwatch.StartNew();
                var committed = await import.CommitAsync(preview);
                commitSeconds = watch.Elapsed.TotalSeconds;
                if (!committed.Succeeded)
                {
                    throw new InvalidOperationException(string.Join(" ", committed.Errors));
                }

                commitHeap = memory.PeakGrowthMegabytes;
                workingSet = Math.Max(workingSet, memory.WorkingSetGrowthMegabytes);
            }

            await stop.CancelAsync();
            var (longestWait, saves) = await other;
            var created = preview.Count(ImportOutcome.Create);
            var updated = preview.Count(ImportOutcome.Update);
            BenchSupport.Delete(path);

            // The same rows written by raw SQL into a fresh copy: the floor the commit is compared with.
            var (rawPath, rawConnection, _) = BenchSupport.NewDatabase("import-raw");
            File.Copy(template, rawPath, overwrite: true);
            var raw = await RawAsync(rawConnection, preview);
            BenchSupport.Delete(rawPath);

            if (run == 0)
            {
                Console.WriteLine($"| warm-up ({created:N0} new, {updated:N0} updates, {preview.Count(ImportOutcome.Refused)} refused) | {previewSeconds:F2} | {commitSeconds:F2} | {raw:F2} | | | | |");
                continue;
            }

            Console.WriteLine($"| {run} | **{previewSeconds:F2}** | **{commitSeconds:F2}** | {raw:F2} | {commitSeconds / raw:F1} | {previewHeap:F0} / {commitHeap:F0} | {workingSet:F0} | {longestWait:F0} ({saves}) |");
        }

        BenchSupport.Delete(template);
    }

    /// <summary>A sheet as offices type it: a title row, dates and phones in several forms, people of the register updated.</summary>
    private static async Task<byte[]> SheetAsync(IntranetDbContext db, int rows)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
        var existing = await db.Retirees.AsNoTracking().OrderBy(r => r.Id).Take(rows / 5)
            .Select(r => new { r.Name, r.IdNumber, Unit = r.Unit!.Name }).ToListAsync();
        var taken = (await db.Retirees.Select(r => r.IdNumber).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var random = new Random(20261206);
        var cells = new List<object?[]>();
        string[] dateForms = ["{0:yyyy.M.d}", "{0:yyyy/MM/dd}", "{0:yyyy}年{0:%M}月{0:%d}日", "{0:yyyyMMdd}", "{0:yyyy-M}"];
        var sequence = 0;
        for (var i = 0; i < rows; i++)
        {
            string name, id, unit;
            if (i % 5 == 0 && i / 5 < existing.Count)
            {
                (name, id, unit) = (existing[i / 5].Name, existing[i / 5].IdNumber, existing[i / 5].Unit);
            }
            else
            {
                var gender = random.Next(2) == 0 ? Gender.Female : Gender.Male;
                var birth = new DateOnly(1935, 1, 1).AddDays(random.Next(365 * 30));
                do
                {
                    id = ResidentIdNumber.Create("110101", birth, sequence++, gender).Value;
                }
                while (!taken.Add(id));

                name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)];
                unit = units[random.Next(units.Count)];
                if (i % 100 == 1)
                {
                    id = id[..17] + (id[17] == '1' ? '2' : '1'); // a mistyped check digit: refused
                }
            }

            var retired = new DateOnly(1995, 1, 1).AddDays(random.Next(365 * 25));
            var phone = $"13{random.Next(100000000, 999999999)}";
            cells.Add(
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), name, i % 7 == 0 ? id.ToLowerInvariant() : id, unit,
                i % 3 == 0 ? $"{phone[..3]}-{phone[3..7]}-{phone[7..]}" : phone,
                string.Format(CultureInfo.InvariantCulture, dateForms[i % dateForms.Length], retired.ToDateTime(TimeOnly.MinValue)),
                $"青羊区{Surnames[i % Surnames.Length]}家巷 {i % 90 + 1} 号",
            ]);
        }

        using var stream = new MemoryStream();
        await XlsxWriter.WriteAsync(stream, "花名册",
            [new("序号", 6), new("姓名", 10), new("身份证号码", 22), new("所在单位", 26), new("联系电话", 15), new("退休时间", 12), new("家庭住址", 30)],
            Rows(cells));
        return stream.ToArray();

        static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(List<object?[]> rows)
        {
            foreach (var row in rows)
            {
                yield return row;
            }

            await Task.CompletedTask;
        }
    }

    private static async Task<(double LongestMs, int Saves)> OtherUserSavesAsync(IDbContextFactory<IntranetDbContext> factory, CancellationToken stop)
    {
        int id;
        await using (var db = await factory.CreateDbContextAsync(CancellationToken.None))
        {
            id = await db.Retirees.OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync(CancellationToken.None);
        }

        var longest = 0.0;
        var saves = 0;
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            var person = await db.Retirees.SingleAsync(r => r.Id == id, CancellationToken.None);
            person.Notes = $"第 {saves} 次保存";
            await db.SaveChangesAsync(CancellationToken.None);
            longest = Math.Max(longest, watch.Elapsed.TotalMilliseconds);
            saves++;
            await Task.Delay(20, CancellationToken.None);
        }

        return (longest, saves);
    }

    /// <summary>The new people inserted and the updated phones written by prepared statements in one transaction.</summary>
    private static async Task<double> RawAsync(string connectionString, ImportPreview preview)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO Retirees (Name, NamePinyin, NameInitials, NamePinyinCompact, Gender, IdNumber, BirthDate, BirthdayIsLunar, Phone, Address, UnitId,
                RetirementDate, IsAssociationMember, SpouseIsDeceased, HealthStatus, LivingSituation, CareCategories, IsDeceased, CreatedAt, CreatedBy, Version)
            VALUES ($name, '', '', '', $gender, $id, $birth, 0, $phone, $address, $unit, $retired, 0, 0, 1, 1, 0, 0, $now, 'bench', 1)
            """;
        var parameters = new[] { "$name", "$gender", "$id", "$birth", "$phone", "$address", "$unit", "$retired", "$now" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE Retirees SET Phone = $phone, Address = $address, Version = Version + 1 WHERE IdNumber = $id";
        var updateParameters = new[] { "$phone", "$address", "$id" }.Select(n => update.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var row in preview.Rows)
        {
            var v = row.Values;
            switch (row.Outcome)
            {
                case ImportOutcome.Create:
                    object?[] values = [v.Name, (int)v.Id!.Value.Gender, v.Id.Value.Value, v.Id.Value.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v.Phone, v.Address, v.UnitId,
                        v.RetirementDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)];
                    for (var i = 0; i < values.Length; i++)
                    {
                        parameters[i].Value = values[i] ?? DBNull.Value;
                    }

                    await insert.ExecuteNonQueryAsync();
                    break;
                case ImportOutcome.Update:
                    updateParameters[0].Value = (object?)v.Phone ?? DBNull.Value;
                    updateParameters[1].Value = (object?)v.Address ?? DBNull.Value;
                    updateParameters[2].Value = v.Id!.Value.Value;
                    await update.ExecuteNonQueryAsync();
                    break;
            }
        }

        await transaction.CommitAsync();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Nobody listens in the benchmark.</summary>
    private sealed class NoFeed : Intranet.Domain.Data.IChangeSink
    {
        public void Publish(IReadOnlyList<Intranet.Domain.Data.EntityChange> changes)
        {
        }
    }
}
