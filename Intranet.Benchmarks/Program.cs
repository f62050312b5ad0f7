using System.Diagnostics;
using System.Globalization;
using Intranet.Benchmarks;

// Times the register's queries on a realistic database and reports each as a ratio to a baseline measured
// in the same run (a primary-key lookup), so numbers from different machines can be compared.
// `circuits <database> <retirees> <pages> [path]` instead measures server memory per open page (the register's by default), and
// `export <database> <retirees> <runs>` the full Excel export against raw SQL of the same rows, and
// `welfare <retirees> <visits> <runs>` welfare's lists and figures at that size against raw SQL, and
// `programmes <retirees> <classes per term> <runs>` the university's, activities' and contests' figures likewise, and
// `reminders <retirees> <runs>` the daily reminder scan: time, memory, against raw SQL, and a sign-in during it, and
// `import <retirees> <rows> <runs>` an office's sheet previewed and committed into the register, and
if (args is ["import", var importSize, var importRows, var importRuns])
{
    await ImportBench.RunAsync(int.Parse(importSize, CultureInfo.InvariantCulture), int.Parse(importRows, CultureInfo.InvariantCulture), int.Parse(importRuns, CultureInfo.InvariantCulture));
    return;
}

// `duplicates <retirees> <copies of each kind> <runs>` the register's duplicate scan against raw SQL.
if (args is ["circuits", var database, var size, var count, .. var rest])
{
    await CircuitBench.RunAsync(database, int.Parse(size, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture), rest is [var path] ? path : "/register");
    return;
}

if (args is ["welfare", var welfareSize, var visits, var welfareRuns])
{
    await WelfareBench.RunAsync(int.Parse(welfareSize, CultureInfo.InvariantCulture), int.Parse(visits, CultureInfo.InvariantCulture), int.Parse(welfareRuns, CultureInfo.InvariantCulture));
    return;
}

if (args is ["programmes", var programmesSize, var classes, var programmesRuns])
{
    await ProgrammesBench.RunAsync(int.Parse(programmesSize, CultureInfo.InvariantCulture), int.Parse(classes, CultureInfo.InvariantCulture), int.Parse(programmesRuns, CultureInfo.InvariantCulture));
    return;
}

if (args is ["reminders", var reminderSize, var reminderRuns])
{
    await RemindersBench.RunAsync(int.Parse(reminderSize, CultureInfo.InvariantCulture), int.Parse(reminderRuns, CultureInfo.InvariantCulture));
    return;
}

if (args is ["duplicates", var duplicatesSize, var copies, var duplicatesRuns])
{
    await DuplicatesBench.RunAsync(int.Parse(duplicatesSize, CultureInfo.InvariantCulture), int.Parse(copies, CultureInfo.InvariantCulture), int.Parse(duplicatesRuns, CultureInfo.InvariantCulture));
    return;
}

if (args is ["export", var exportDatabase, var exportSize, var runs])
{
    await ExportBench.RunAsync(exportDatabase, int.Parse(exportSize, CultureInfo.InvariantCulture), int.Parse(runs, CultureInfo.InvariantCulture));
    return;
}

var retirees = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;

using var bench = await RegisterBench.CreateAsync(retirees);
Console.WriteLine($"Seeded {retirees:N0} retirees in {bench.SeedTime.TotalSeconds:F1} s ({bench.DatabaseBytes / 1024 / 1024} MB).");
Console.WriteLine();

var results = new List<(string Name, double Median)>();
foreach (var (name, run) in bench.Scenarios())
{
    for (var i = 0; i < 3; i++)
    {
        await run(); // warm-up: query plans, connection pool, JIT
    }

    var times = new List<double>();
    for (var i = 0; i < iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        await run();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    results.Add((name, times[times.Count / 2]));
}

var baseline = results[0].Median;
Console.WriteLine($"| scenario ({retirees:N0} retirees, median of {iterations}) | ms | × baseline |");
Console.WriteLine("| --- | ---: | ---: |");
foreach (var (name, median) in results)
{
    Console.WriteLine($"| {name} | {median:F2} | {median / baseline:F1} |");
}

var backfill = await bench.TimeNameKeysBackfillAsync();
Console.WriteLine();
Console.WriteLine($"Start-up filled in the pinyin keys of {retirees:N0} retirees in {backfill.TotalSeconds:F1} s.");
