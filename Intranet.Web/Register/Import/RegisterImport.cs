using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Reminders;
using Intranet.Domain.Welfare;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Register.Import;

/// <summary>
/// Importing the register from an office's spreadsheet: a preview that writes nothing, then a commit that writes it
/// all or nothing. District staff import into any unit, a unit officer only into their own; nobody else imports.
/// </summary>
public sealed class RegisterImport(
    IDbContextFactory<IntranetDbContext> dbFactory,
    CurrentUser user,
    AuditLog audit,
    TimeProvider time,
    IOptions<RegisterImportOptions> options,
    AuditableEntityInterceptor auditing,
    IChangeSink changes)
{
    public RegisterImportOptions Options => options.Value;

    /// <summary>
    /// Staff and unit officers: the roles that edit records. Both may also see every number of their scope in full (an
    /// export), which the preview's download, the office's own sheet handed back, needs.
    /// </summary>
    public bool MayImport => user.Can(Permissions.CanEditRecords) && user.PersonalData.MayExportInFull;

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Reads the file and plans every row. Writes nothing but a refusal's audit line.</summary>
    public async Task<CommandResult<ImportPreview>> PreviewAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (await RefuseAsync("试图导入退休教工名册", cancellationToken) is { } refused)
        {
            return refused.As<ImportPreview>();
        }

        var limit = Options.MaxFileBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return CommandResult.Invalid("file", $"文件超过 {limit / 1024 / 1024} MB，超出一次导入的上限。请分成几个文件导入。").As<ImportPreview>();
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            // Parsing is CPU work: off the circuit's thread, so the page stays responsive while a large file is read.
            var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            var sheet = await Task.Run(() => SheetReader.Read(bytes, fileName, Options), cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var planner = new ImportPlanner(db, user.Scope, Today);
            var preview = await planner.PlanAsync(sheet, fileName, user.UserName!, Options, cancellationToken);
            return CommandResult.Ok(preview);
        }
        catch (ImportFileException ex)
        {
            return CommandResult.Invalid("file", ex.Message).As<ImportPreview>();
        }
    }

    /// <summary>
    /// Writes the previewed rows as the office chose, all or nothing (docs/decisions/0004-import-staged-then-published.md):
    /// saved in batches into a scratch file through the same interceptors as a hand edit (history lines, pinyin keys,
    /// condolence tasks), then published into the register in one short transaction; the import itself is one audit
    /// line, and the change feed hears one burst when it is published.
    /// </summary>
    public async Task<CommandResult<ImportCounts>> CommitAsync(ImportPreview preview, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preview);
        if (await RefuseAsync("试图确认导入退休教工名册", cancellationToken) is { } refused)
        {
            return refused.As<ImportCounts>();
        }

        if (preview.UserName != user.UserName)
        {
            await audit.RetireeDeniedAsync(null, "试图确认他人的导入预览", cancellationToken);
            return CommandResult.Refused("这份导入预览不是您上传的，请自己上传文件。").As<ImportCounts>();
        }

        if (!preview.TryClaim())
        {
            return CommandResult.Changed("这份预览已经提交过了（可能点了两次），请在名册中查看结果；如需再导入请重新上传文件。").As<ImportCounts>();
        }

        // The people each row writes to: rows of one ID number (or of one register person) are applied in sheet order.
        var people = new List<(Retiree Person, bool IsNew, List<ImportRow> Rows)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in preview.Rows.Where(r => r.Outcome is ImportOutcome.Create or ImportOutcome.Update))
        {
            var target = row.Target;
            var key = target is not null ? $"E{target.Id}" : $"N{row.Values.Id!.Value.Value}";
            if (byKey.TryGetValue(key, out var index))
            {
                people[index].Rows.Add(row);
                continue;
            }

            byKey[key] = people.Count;
            people.Add(target is not null
                ? (target, false, [row])
                : (new Retiree { Name = row.Values.Name!, IdNumber = row.Values.Id!.Value.Value }, true, [row]));
        }

        var counts = new ImportCounts(
            people.Count(p => p.IsNew), people.Count(p => !p.IsNew), preview.Count(ImportOutcome.Unchanged),
            preview.Count(ImportOutcome.Skipped), preview.Count(ImportOutcome.Refused));

        // Saved first into a scratch file, where the save pipeline takes as long as it needs without holding the
        // register's write lock; then published in one short transaction (docs/decisions/0004-import-staged-then-published.md).
        string registerConnection;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            registerConnection = db.Database.GetConnectionString()!;
        }

        var toUpdate = people.Where(p => !p.IsNew).ToDictionary(p => p.Person.Id, p => p.Person.Version);
        await using var staging = await ImportStaging.CreateAsync(registerConnection, toUpdate, cancellationToken);
        try
        {
            await using var stage = staging.Context(new CondolenceOnDeath(), new ReminderUpkeep(time), auditing);
            var done = 0;
            foreach (var batch in people.Chunk(Math.Max(1, Options.BatchSize)))
            {
                foreach (var (person, isNew, rows) in batch)
                {
                    if (isNew)
                    {
                        stage.Retirees.Add(person);
                    }
                    else
                    {
                        // The person as read at preview: a save by anyone since then (a newer version) fails the import.
                        stage.Retirees.Attach(person);
                    }

                    foreach (var row in rows)
                    {
                        row.Values.ApplyTo(person);
                    }
                }

                await stage.SaveChangesAsync(cancellationToken);
                stage.ChangeTracker.Clear();
                done += batch.Length;
                progress?.Report(done);
            }

            stage.AuditEntries.Add(new AuditEntry
            {
                At = time.GetUtcNow().UtcDateTime,
                UserName = user.UserName,
                Action = AuditAction.Import,
                EntityType = nameof(Retiree),
                Subject = Cut(preview.FileName, 100),
                Details = Cut(string.Create(CultureInfo.InvariantCulture,
                    $"导入退休教工名册“{preview.FileName}”：共 {preview.Rows.Count} 行，新增 {counts.Created} 人，更新 {counts.Updated} 人，无变化 {counts.Unchanged} 行，跳过 {counts.Skipped} 行，拒绝 {counts.Refused} 行"), 2000),
                IpAddress = user.IpAddress,
            });
            await stage.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var changed = ex.Entries.Select(e => e.Entity).OfType<Retiree>().ToHashSet();
            return Changed(RowNumbers(people.Where(p => changed.Contains(p.Person)).SelectMany(p => p.Rows))).As<ImportCounts>();
        }

        var (outcome, changedIds) = await staging.PublishAsync(cancellationToken);
        switch (outcome)
        {
            case PublishOutcome.Changed:
                return Changed(RowNumbers(people.Where(p => changedIds.Contains(p.Person.Id)).SelectMany(p => p.Rows))).As<ImportCounts>();
            case PublishOutcome.Crowded:
                return CommandResult.Changed("导入未完成，名册没有任何改动：导入期间其他人新增了很多人员，请稍后重新确认导入。").As<ImportCounts>();
            case PublishOutcome.Taken:
                // The unique ID number: someone registered one of these people after the preview.
                await using (var check = await dbFactory.CreateDbContextAsync(CancellationToken.None))
                {
                    var taken = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var ids in people.Select(p => p.Person.IdNumber).Chunk(500))
                    {
                        taken.UnionWith(await check.Retirees.Where(r => ids.Contains(r.IdNumber)).Select(r => r.IdNumber).ToListAsync(CancellationToken.None));
                    }

                    var rows = RowNumbers(people.Where(p => p.IsNew && taken.Contains(p.Person.IdNumber)).SelectMany(p => p.Rows));
                    return CommandResult.Changed($"导入未完成，名册没有任何改动：第 {rows} 行的身份证号码在预览之后已被他人登记。请重新上传文件，按新的预览确认。").As<ImportCounts>();
                }
        }

        // Published outside the save pipeline, so the live feed is told here: one burst, as for any save.
        changes.Publish([.. people.Select(p => new EntityChange(nameof(Retiree), p.Person.Id, p.IsNew ? ChangeKind.Created : ChangeKind.Updated,
            p.Person.UnitId, p.Person.GroupId, p.Person.Id))]);
        return CommandResult.Ok(counts);
    }

    private async Task<CommandResult?> RefuseAsync(string attempt, CancellationToken cancellationToken)
    {
        if (MayImport)
        {
            return null;
        }

        await audit.RetireeDeniedAsync(null, attempt, cancellationToken);
        return CommandResult.Refused("您的账户没有导入名册的权限。只有区退管会工作人员和单位退管干部可以导入。");
    }

    private static CommandResult Changed(string rows) =>
        CommandResult.Changed($"导入未完成，名册没有任何改动：第 {rows} 行的人员在预览之后被他人修改或删除。请重新上传文件，按新的预览确认。");

    private static string RowNumbers(IEnumerable<ImportRow> rows)
    {
        var numbers = rows.Select(r => r.Number).Order().ToList();
        return numbers.Count == 0 ? "若干" : string.Join("、", numbers.Take(10)) + (numbers.Count > 10 ? " 等" : string.Empty);
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length];
}
