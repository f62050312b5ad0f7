using System.IO.Compression;
using System.Text;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Live;
using Intranet.Web.Register.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Register.Import;

public sealed class RegisterImportTests : IAsyncLifetime
{
    // ExcelDataReader, read directly by some tests here, needs the code pages whichever test runs first.
    static RegisterImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private IntranetAppFactory App { get; } = new(settings: new Dictionary<string, string?>
    {
        // Small enough that a handful of rows are several batches, and that a bomb is a small file.
        ["RegisterImport:BatchSize"] = "2",
        ["RegisterImport:MaxRows"] = "50",
        ["RegisterImport:MaxUnzippedBytes"] = "2000000",
    });

    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    public static TheoryData<string> Formats => ["xlsx", "xls", "csv-gbk", "csv-utf8-bom", "csv-utf8"];

    private static (byte[] Bytes, string Name) Messy(string format) => format switch
    {
        "xlsx" => (TestSheets.Xlsx(MessySheet.Rows(typed: true)), "花名册.xlsx"),
        "xls" => (TestSheets.Fixture("messy.xls"), "花名册.xls"),
        "csv-gbk" => (TestSheets.Csv(MessySheet.Rows(typed: false), TestSheets.Gbk), "花名册.csv"),
        "csv-utf8-bom" => (TestSheets.Csv(MessySheet.Rows(typed: false), new UTF8Encoding(true), bom: true), "花名册.csv"),
        _ => (TestSheets.Csv(MessySheet.Rows(typed: false), new UTF8Encoding(false)), "花名册.csv"),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_messy_sheet_is_previewed_row_by_row_with_chinese_reasons_and_nothing_is_written(string format)
    {
        var (bytes, name) = Messy(format);
        var before = await CountsAsync();

        var result = await PreviewAsync(_world[UserRole.DistrictStaff], bytes, name);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var preview = result.Value!;
        Assert.Equal(3, preview.HeaderRow);
        Assert.Equal(["爱好"], preview.UnknownColumns);
        Assert.Equal(9, preview.Rows.Count);
        var byName = preview.Rows.ToDictionary(r => r.Values.Name ?? r.Cells[1]!);
        Assert.Equal(["王秀英", "李明", "张华", "赵强", "郑伟"], preview.Rows.Where(r => r.Outcome == ImportOutcome.Create).Select(r => r.Values.Name));

        var wang = byName["王秀英"].Values;
        Assert.Equal(MessySheet.WangId, wang.Id!.Value.Value);
        Assert.Equal("13800138000", wang.Phone);
        Assert.Equal(_world.UnitA.Id, wang.UnitId);
        Assert.Equal(_world.GroupA.Id, wang.GroupId);
        Assert.Equal(new DateOnly(2005, 3, 1), wang.RetirementDate);
        Assert.Equal("少城路12号", wang.Address);

        var li = byName["李明"].Values;
        Assert.Equal(MessySheet.LiId, li.Id!.Value.Value);
        Assert.Equal("028-87654321", li.Phone);
        Assert.Equal(_world.UnitA.Id, li.UnitId);
        Assert.Equal(new DateOnly(2011, 4, 5), li.RetirementDate);

        var zhang = byName["张华"].Values;
        Assert.Equal(MessySheet.ZhangId, zhang.Id!.Value.Value);
        Assert.Equal("13900000111", zhang.Phone);
        Assert.Equal(_world.GroupA.Id, zhang.GroupId);
        Assert.Equal(new DateOnly(2012, 3, 1), zhang.RetirementDate);

        Assert.Equal(new DateOnly(2013, 9, 1), byName["赵强"].Values.RetirementDate);
        Assert.Equal(new DateOnly(2018, 8, 1), byName["郑伟"].Values.RetirementDate);

        Assert.Contains("校验位", byName["钱芳"].Reasons, StringComparison.Ordinal);
        Assert.Contains("名册中没有单位“石室中学附属小学”", byName["孙丽"].Reasons, StringComparison.Ordinal);
        Assert.Contains("相近的有", byName["孙丽"].Reasons, StringComparison.Ordinal);
        Assert.Contains("“甲一组”", byName["周杰"].Reasons, StringComparison.Ordinal);
        Assert.Contains("出生年月：出生日期 1957-07-08 与身份证号码中的出生日期不符", byName["吴敏"].Reasons, StringComparison.Ordinal);
        Assert.All(preview.Rows.Where(r => r.Outcome == ImportOutcome.Refused), r => Assert.Single(r.Problems));

        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Committing_writes_the_good_rows_with_history_lines_and_one_audit_line_with_the_counts(string format)
    {
        var (bytes, name) = Messy(format);
        var staff = _world[UserRole.DistrictStaff];
        var preview = (await PreviewAsync(staff, bytes, name)).Value!;

        await using var scope = await App.ScopeForAsync(staff);
        var result = await scope.ServiceProvider.GetRequiredService<RegisterImport>().CommitAsync(preview);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Equal(new ImportCounts(5, 0, 0, 0, 4), result.Value);
        using var db = App.Database.CreateContext();
        var li = await db.Retirees.SingleAsync(r => r.IdNumber == MessySheet.LiId);
        Assert.Equal("李明", li.Name);
        Assert.Equal(new DateOnly(1951, 4, 5), li.BirthDate);
        Assert.Equal(Gender.Male, li.Gender);
        Assert.Equal("li ming", li.NamePinyin);
        Assert.Equal(staff.UserName, li.CreatedBy);

        var history = await db.AuditEntries.SingleAsync(a => a.RetireeId == li.Id);
        Assert.Equal(AuditAction.Create, history.Action);
        Assert.Equal(staff.UserName, history.UserName);
        Assert.Contains(new FieldChange("Phone", null, "028-87654321"), AuditTrail.Deserialize(history.Changes));

        var line = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Import);
        Assert.Equal(staff.UserName, line.UserName);
        Assert.Equal($"导入退休教工名册“{name}”：共 9 行，新增 5 人，更新 0 人，无变化 0 行，跳过 0 行，拒绝 4 行", line.Details);
        Assert.False(await db.Retirees.AnyAsync(r => r.Name == "钱芳" || r.Name == "孙丽" || r.Name == "周杰" || r.Name == "吴敏"));
    }

    [Fact]
    public async Task Importing_the_same_sheet_again_is_unchanged_and_a_changed_cell_is_an_update_with_its_history_line()
    {
        var staff = _world[UserRole.DistrictStaff];
        var first = (await PreviewAsync(staff, TestSheets.Xlsx(MessySheet.Rows(typed: true)), "a.xlsx")).Value!;
        await CommitAsync(staff, first);

        var rows = MessySheet.Rows(typed: true).Select(r => (object?[])r.Clone()).ToList();
        rows[3][5] = "13811112222";
        var second = (await PreviewAsync(staff, TestSheets.Xlsx(rows), "b.xlsx")).Value!;

        Assert.Equal(4, second.Count(ImportOutcome.Unchanged));
        var wang = Assert.Single(second.Rows, r => r.Outcome == ImportOutcome.Update);
        Assert.Equal("王秀英", wang.Values.Name);
        Assert.Equal(["联系电话"], wang.Changes);
        Assert.Equal([DuplicateChoice.Update, DuplicateChoice.Skip], wang.Choices);

        Assert.Equal(new ImportCounts(0, 1, 4, 0, 4), (await CommitAsync(staff, second)).Value);
        using var db = App.Database.CreateContext();
        var person = await db.Retirees.SingleAsync(r => r.IdNumber == MessySheet.WangId);
        var update = await db.AuditEntries.SingleAsync(a => a.RetireeId == person.Id && a.Action == AuditAction.Update);
        Assert.Equal([new FieldChange("Phone", "13800138000", "13811112222")], AuditTrail.Deserialize(update.Changes));
    }

    [Fact]
    public async Task Duplicates_in_the_file_and_in_the_register_including_the_deceased_are_flagged_with_a_choice()
    {
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            make.Retiree(_world.UnitA, "已故老师", configure: r => { r.IsDeceased = true; r.DeathDate = new DateOnly(2020, 1, 1); r.IdNumber = MessySheet.WangId; r.BirthDate = new DateOnly(1950, 3, 2); });
            make.Retiree(_world.UnitA, "同名同生日", configure: r => r.BirthDate = new DateOnly(1952, 6, 7));
        }

        var staff = _world[UserRole.DistrictStaff];
        var sheet = TestSheets.Xlsx(
        [
            ["姓名", "身份证号", "单位", "电话"],
            ["王秀英", MessySheet.WangId, "甲单位石室小学", "13800138000"],
            ["同名同生日", MessySheet.ZhangId, "甲单位石室小学", null],
            ["李明", MessySheet.LiId, "甲单位石室小学", "13700000001"],
            ["李明", MessySheet.LiId, "甲单位石室小学", "13700000002"],
        ]);

        var preview = (await PreviewAsync(staff, sheet, "dup.xlsx")).Value!;

        var deceased = preview.Rows[0];
        Assert.Equal("名册中已有此身份证号码（已故人员）", deceased.Duplicate);
        Assert.Equal(ImportOutcome.Update, deceased.Outcome);
        var sameNameAndBirth = preview.Rows[1];
        Assert.Equal("名册中已有同名、出生日期相同的人员，身份证号码不同", sameNameAndBirth.Duplicate);
        Assert.Equal([DuplicateChoice.Update, DuplicateChoice.Create, DuplicateChoice.Skip], sameNameAndBirth.Choices);
        Assert.Equal(ImportOutcome.Skipped, sameNameAndBirth.Outcome);
        Assert.Equal(ImportOutcome.Create, preview.Rows[2].Outcome);
        var again = preview.Rows[3];
        Assert.Equal("与本表第 4 行的身份证号码相同", again.Duplicate);
        Assert.Equal(ImportOutcome.Skipped, again.Outcome);

        // The office decides: skip the deceased person's row, add the second 李明 row's phone to the first.
        deceased.Choice = DuplicateChoice.Skip;
        again.Choice = DuplicateChoice.Update;
        Assert.Equal(new ImportCounts(1, 0, 0, 2, 0), (await CommitAsync(staff, preview)).Value);

        using var check = App.Database.CreateContext();
        Assert.Equal("已故老师", (await check.Retirees.SingleAsync(r => r.IdNumber == MessySheet.WangId)).Name);
        Assert.Equal("13700000002", (await check.Retirees.SingleAsync(r => r.IdNumber == MessySheet.LiId)).Phone);
        Assert.False(await check.Retirees.AnyAsync(r => r.IdNumber == MessySheet.ZhangId));
    }

    [Fact]
    public async Task A_unit_officer_imports_only_into_their_own_unit_and_learns_nothing_of_other_units_people()
    {
        var officer = _world[UserRole.UnitOfficer];
        var sheet = TestSheets.Xlsx(
        [
            ["姓名", "身份证号码", "所在单位"],
            ["王秀英", MessySheet.WangId, null],
            ["李明", MessySheet.LiId, "乙单位草堂中学"],
            ["乙单位成员", _world.InUnitB.IdNumber, null],
        ]);

        var preview = (await PreviewAsync(officer, sheet, "officer.xlsx")).Value!;

        Assert.Equal(_world.UnitA.Id, preview.Rows[0].Values.UnitId);
        Assert.Equal(ImportOutcome.Create, preview.Rows[0].Outcome);
        Assert.Equal("所在单位：您只能导入本单位（甲单位石室小学）的退休教工，此行的单位是“乙单位草堂中学”", preview.Rows[1].Reasons);
        Assert.Equal("身份证号码：该身份证号码已在名册中登记，但不属于您管理的单位；如有疑问请联系区退管会核实", preview.Rows[2].Reasons);
        Assert.DoesNotContain(_world.UnitB.Name, preview.Rows[2].Reasons, StringComparison.Ordinal);

        Assert.Equal(new ImportCounts(1, 0, 0, 0, 2), (await CommitAsync(officer, preview)).Value);
        using var db = App.Database.CreateContext();
        Assert.Equal(_world.UnitA.Id, (await db.Retirees.SingleAsync(r => r.IdNumber == MessySheet.WangId)).UnitId);
        Assert.Equal("乙单位成员", (await db.Retirees.SingleAsync(r => r.Id == _world.InUnitB.Id)).Name);
    }

    [Theory]
    [InlineData(UserRole.GroupLeader)]
    [InlineData(UserRole.Leadership)]
    [InlineData(UserRole.Administrator)]
    public async Task Roles_that_do_not_edit_records_are_refused_on_the_server_and_it_is_logged(UserRole role)
    {
        var result = await PreviewAsync(_world[role], TestSheets.Xlsx(MessySheet.Rows(typed: true)), "x.xlsx");

        Assert.False(result.Succeeded);
        Assert.Contains("没有导入名册的权限", result.Errors.Single(), StringComparison.Ordinal);
        using var db = App.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.AccessDenied && a.UserName == _world[role].UserName && a.Details == "试图导入退休教工名册"));
        Assert.False(await db.Retirees.AnyAsync(r => r.IdNumber == MessySheet.WangId));
    }

    [Fact]
    public async Task A_commit_that_fails_in_a_later_batch_leaves_nothing_at_all()
    {
        var staff = _world[UserRole.DistrictStaff];
        var preview = (await PreviewAsync(staff, TestSheets.Xlsx(MessySheet.Rows(typed: true)), "a.xlsx")).Value!;
        var before = await CountsAsync();

        // After the preview someone registers the fifth row's person by hand: every batch is saved into the scratch file,
        // and publishing it into the register finds the number taken and writes nothing.
        using (var db = App.Database.CreateContext())
        {
            new RegisterBuilder(db).Retiree(_world.UnitB, "抢先登记", configure: r => { r.IdNumber = MessySheet.ZhengId; r.BirthDate = new DateOnly(1958, 8, 8); });
        }

        var batches = new List<int>();
        await using var scope = await App.ScopeForAsync(staff);
        var result = await scope.ServiceProvider.GetRequiredService<RegisterImport>().CommitAsync(preview, new SyncProgress(batches.Add));

        Assert.False(result.Succeeded);
        Assert.True(result.Stale);
        Assert.Equal("导入未完成，名册没有任何改动：第 8 行的身份证号码在预览之后已被他人登记。请重新上传文件，按新的预览确认。", result.Errors.Single());
        Assert.Equal([2, 4, 5], batches);
        var after = await CountsAsync();
        Assert.Equal(before.Retirees + 1, after.Retirees);
        Assert.Equal(before.Audit + 1, after.Audit); // the hand registration's history line, and nothing of the import
        using var check = App.Database.CreateContext();
        Assert.False(await check.Retirees.AnyAsync(r => r.IdNumber == MessySheet.WangId || r.IdNumber == MessySheet.LiId));
    }

    [Fact]
    public async Task Other_users_go_on_saving_while_an_import_is_written_and_it_still_lands_whole()
    {
        var staff = _world[UserRole.DistrictStaff];
        var preview = (await PreviewAsync(staff, TestSheets.Xlsx(MessySheet.Rows(typed: true)), "a.xlsx")).Value!;
        var before = await CountsAsync();

        // During every batch someone else saves a person, allowed to wait 1 s at most for the register's write lock.
        var impatient = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(App.Database.ConnectionString) { DefaultTimeout = 1 }.ToString();
        var saves = new List<string>();
        void SaveElsewhere(int done)
        {
            using var db = new Intranet.Domain.Data.IntranetDbContext(new DbContextOptionsBuilder<Intranet.Domain.Data.IntranetDbContext>().UseSqlite(impatient).Options);
            var person = db.Retirees.Single(r => r.Id == _world.InUnitB.Id);
            person.Notes = $"导入进行到第 {done} 人时保存";
            db.SaveChanges();
            saves.Add(person.Notes);
        }

        await using var scope = await App.ScopeForAsync(staff);
        var result = await scope.ServiceProvider.GetRequiredService<RegisterImport>().CommitAsync(preview, new SyncProgress(SaveElsewhere));

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Equal(["导入进行到第 2 人时保存", "导入进行到第 4 人时保存", "导入进行到第 5 人时保存"], saves);
        var after = await CountsAsync();
        Assert.Equal(before.Retirees + result.Value!.Created, after.Retirees);
        using var check = App.Database.CreateContext();
        Assert.True(await check.Retirees.AnyAsync(r => r.IdNumber == MessySheet.WangId));
        Assert.Equal("导入进行到第 5 人时保存", (await check.Retirees.SingleAsync(r => r.Id == _world.InUnitB.Id)).Notes);
    }

    [Fact]
    public async Task A_preview_is_committed_once_even_when_confirmed_twice()
    {
        var staff = _world[UserRole.DistrictStaff];
        var preview = (await PreviewAsync(staff, TestSheets.Xlsx(MessySheet.Rows(typed: true)), "a.xlsx")).Value!;
        await using var scope = await App.ScopeForAsync(staff);
        var import = scope.ServiceProvider.GetRequiredService<RegisterImport>();

        var results = await Task.WhenAll(import.CommitAsync(preview), import.CommitAsync(preview));

        Assert.Single(results, r => r.Succeeded);
        Assert.Contains("已经提交过了", results.Single(r => !r.Succeeded).Errors.Single(), StringComparison.Ordinal);
        using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Import));
    }

    [Fact]
    public async Task The_change_feed_hears_the_whole_import_as_one_burst_when_it_commits()
    {
        var feed = App.Services.GetRequiredService<ChangeFeed>();
        var heard = new List<IReadOnlyList<EntityChange>>();
        var created = new TaskCompletionSource();
        using var subscription = feed.Subscribe(batch =>
        {
            lock (heard)
            {
                heard.Add(batch);
            }

            if (batch.Any(c => c.Entity == nameof(Retiree) && c.Kind == ChangeKind.Created))
            {
                created.TrySetResult();
            }

            return Task.CompletedTask;
        });

        var staff = _world[UserRole.DistrictStaff];
        var preview = (await PreviewAsync(staff, TestSheets.Xlsx(MessySheet.Rows(typed: true)), "a.xlsx")).Value!;
        await CommitAsync(staff, preview);
        await created.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var batch = Assert.Single(heard, b => b.Any(c => c.Entity == nameof(Retiree)));
        Assert.Equal(5, batch.Count(c => c.Entity == nameof(Retiree) && c.Kind == ChangeKind.Created && c.UnitId == _world.UnitA.Id));
    }

    [Fact]
    public async Task A_person_saved_after_the_preview_fails_the_whole_import_rather_than_being_overwritten()
    {
        var staff = _world[UserRole.DistrictStaff];
        var sheet = TestSheets.Xlsx(
        [
            ["姓名", "身份证号码", "单位", "电话"],
            ["王秀英", MessySheet.WangId, "甲单位石室小学", "13800138000"],
            ["甲单位成员", _world.InUnitA.IdNumber, null, "13700000000"],
        ]);
        var preview = (await PreviewAsync(staff, sheet, "a.xlsx")).Value!;
        Assert.Equal([ImportOutcome.Create, ImportOutcome.Update], preview.Rows.Select(r => r.Outcome));

        using (var db = App.Database.CreateContext())
        {
            var person = await db.Retirees.SingleAsync(r => r.Id == _world.InUnitA.Id);
            person.Address = "刚刚手工改过";
            await db.SaveChangesAsync();
        }

        await using var scope = await App.ScopeForAsync(staff);
        var result = await scope.ServiceProvider.GetRequiredService<RegisterImport>().CommitAsync(preview);

        Assert.True(result.Stale);
        Assert.Equal("导入未完成，名册没有任何改动：第 3 行的人员在预览之后被他人修改或删除。请重新上传文件，按新的预览确认。", result.Errors.Single());
        using var check = App.Database.CreateContext();
        var kept = await check.Retirees.SingleAsync(r => r.Id == _world.InUnitA.Id);
        Assert.Equal(("刚刚手工改过", "13933334444"), (kept.Address, kept.Phone));
        Assert.False(await check.Retirees.AnyAsync(r => r.IdNumber == MessySheet.WangId));
    }

    [Fact]
    public async Task The_template_has_every_column_in_chinese_and_an_example_row_that_imports()
    {
        var staff = _world[UserRole.DistrictStaff];
        using var client = await App.SignedInClientAsync(staff);

        var response = await client.GetAsync(ImportDownloads.TemplatePath);

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var reader = ExcelDataReader.ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(bytes)))
        {
            Assert.True(reader.Read());
            var headers = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToList();
            Assert.Equal(ImportColumns.All.Where(c => c.Field != ImportField.Ignored).Select(c => c.Header), headers);
            Assert.True(reader.Read());
            Assert.Equal("张秀英", reader.GetString(0));
            Assert.False(reader.Read());
        }

        var preview = (await PreviewAsync(staff, bytes, "退休教工名册导入模板.xlsx")).Value!;
        var row = Assert.Single(preview.Rows);
        Assert.Equal(ImportOutcome.Create, row.Outcome);
        Assert.Empty(preview.UnknownColumns);
    }

    [Fact]
    public async Task The_preview_downloads_with_a_reason_column_only_for_its_uploader_and_is_logged()
    {
        var staff = _world[UserRole.DistrictStaff];
        var preview = (await PreviewAsync(staff, TestSheets.Xlsx(MessySheet.Rows(typed: true)), "花名册.xlsx")).Value!;
        var key = App.Services.GetRequiredService<ImportPreviews>().Add(preview);
        using var client = await App.SignedInClientAsync(staff);

        var response = await client.GetAsync(ImportDownloads.ReportUrl(key));

        response.EnsureSuccessStatusCode();
        using (var reader = ExcelDataReader.ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(await response.Content.ReadAsByteArrayAsync())))
        {
            Assert.True(reader.Read());
            Assert.Equal(["原行号", "处理结果", "原因或说明", "序号", "姓　名"], Enumerable.Range(0, 5).Select(i => reader.GetString(i)));
            var rows = new List<(string Number, string Outcome, string? Reason, string? Id)>();
            while (reader.Read())
            {
                rows.Add((Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, reader.GetString(1), reader.GetValue(2) as string, reader.GetValue(5) as string));
            }

            Assert.Equal(9, rows.Count);
            Assert.Equal(("9", "拒绝"), (rows[5].Number, rows[5].Outcome));
            Assert.Contains("校验位", rows[5].Reason, StringComparison.Ordinal);

            // The office's own cells come back as typed, so the sheet can be fixed and uploaded again.
            Assert.Equal("510105195401010181", rows[5].Id);
        }

        using var db = App.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export && a.UserName == staff.UserName && a.Details!.StartsWith("下载导入预览“花名册.xlsx” 9 行")));

        using var officer = await App.SignedInClientAsync(_world[UserRole.UnitOfficer]);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await officer.GetAsync(ImportDownloads.ReportUrl(key))).StatusCode);
        using var leader = await App.SignedInClientAsync(_world[UserRole.GroupLeader]);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await leader.GetAsync(ImportDownloads.ReportUrl(key))).StatusCode);
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "png", "photo.xlsx", "不是 Excel 表格或 CSV 文件" },
        { "docx", "letter.xlsx", "不是 Excel 表格或 CSV 文件" },
        { "pdf-as-csv", "scan.csv", "不是 Excel 表格或 CSV 文件" },
        { "word", "notes.doc", "只能导入 Excel 表格（.xlsx、.xls）或 CSV 文件" },
        { "zero", "empty.xlsx", "文件是空的" },
        { "blank-csv", "blank.csv", "表格中没有任何内容" },
        { "blank-xlsx", "blank.xlsx", "表格中没有任何内容" },
        { "no-id", "noid.xlsx", "表头（第 1 行）中没有“身份证号码”列" },
        { "no-header", "noheader.csv", "找不到表头" },
        { "header-only", "header.csv", "只有表头" },
        { "too-many", "big.csv", "超出一次导入的上限" },
        { "bomb", "bomb.xlsx", "解压后异常巨大" },
        { "many-parts", "parts.xlsx", "解压后异常巨大" },
        { "password", "secret.xlsx", "设有打开密码" },
        { "broken", "broken.xlsx", "不是 Excel 表格或 CSV 文件" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_gets_a_clear_chinese_message_and_nothing_is_written(string kind, string name, string message)
    {
        var before = await CountsAsync();

        var result = await PreviewAsync(_world[UserRole.DistrictStaff], BadFile(kind), name);

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Errors.Single(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    private static byte[] BadFile(string kind)
    {
        switch (kind)
        {
            case "png":
                return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
            case "docx":
                return Zip(("word/document.xml", Encoding.UTF8.GetBytes("<w:document/>")), ("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")));
            case "pdf-as-csv":
                return [.. Encoding.ASCII.GetBytes("%PDF-1.4\n"), 0, 1, 2, 0, 0xFF, 0xFE, 0];
            case "word":
                return Encoding.UTF8.GetBytes("姓名,身份证号码");
            case "zero":
                return [];
            case "blank-csv":
                return Encoding.UTF8.GetBytes(",,,\r\n  , ,\r\n\r\n");
            case "blank-xlsx":
                return TestSheets.Xlsx([[null, " "]]);
            case "no-id":
                return TestSheets.Xlsx([["姓名", "单位", "电话"], ["王秀英", "甲单位石室小学", "13800138000"]]);
            case "no-header":
                return Encoding.UTF8.GetBytes("王秀英,510105195003020243\r\n李明,510105510405013\r\n");
            case "header-only":
                return Encoding.UTF8.GetBytes("姓名,身份证号码,单位\r\n");
            case "too-many":
                var csv = new StringBuilder("姓名,身份证号码\r\n");
                for (var i = 0; i < 80; i++)
                {
                    csv.Append("王秀英,").Append(MessySheet.WangId).Append("\r\n");
                }

                return Encoding.UTF8.GetBytes(csv.ToString());
            case "bomb":
                // 50 MB of zeros that deflate to about 50 KB: the limit in this test is 2 MB.
                return Zip(("xl/workbook.xml", Encoding.UTF8.GetBytes("<workbook/>")), ("xl/worksheets/sheet1.xml", new byte[50_000_000]));
            case "many-parts":
                return Zip([("xl/workbook.xml", Encoding.UTF8.GetBytes("<workbook/>")), .. Enumerable.Range(0, 600).Select(i => ($"xl/media/image{i}.png", new byte[] { 1 }))]);
            case "password":
                // How an encrypted .xlsx is stored: a compound (OLE) file with an EncryptionInfo and an EncryptedPackage
                // stream instead of the zip. Built here by hand (header and directory names); no library at hand writes
                // real encryption, and the reader recognises the file by exactly these.
                var file = new byte[4096];
                new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(file, 0);
                Encoding.Unicode.GetBytes("EncryptionInfo").CopyTo(file, 1024);
                Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(file, 1152);
                return file;
            case "broken":
                var good = TestSheets.Xlsx(MessySheet.Rows(typed: true));
                return good[..(good.Length / 2)];
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }

    private async Task<Web.Platform.Forms.CommandResult<ImportPreview>> PreviewAsync(TestAccount account, byte[] bytes, string name)
    {
        await using var scope = await App.ScopeForAsync(account);
        using var stream = new MemoryStream(bytes);
        return await scope.ServiceProvider.GetRequiredService<RegisterImport>().PreviewAsync(stream, name);
    }

    private async Task<Web.Platform.Forms.CommandResult<ImportCounts>> CommitAsync(TestAccount account, ImportPreview preview)
    {
        await using var scope = await App.ScopeForAsync(account);
        var result = await scope.ServiceProvider.GetRequiredService<RegisterImport>().CommitAsync(preview);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result;
    }

    private async Task<(int Retirees, int Audit)> CountsAsync()
    {
        using var db = App.Database.CreateContext();
        return (await db.Retirees.CountAsync(), await db.AuditEntries.CountAsync(a => a.Action != AuditAction.AccessDenied));
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
