using System.Data.Common;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Intranet.Web.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Intranet.Tests.Audit;

public sealed class AuditTextTests
{
    [Theory]
    [InlineData(AuditAction.Create, "新建")]
    [InlineData(AuditAction.Update, "修改")]
    [InlineData(AuditAction.Delete, "删除")]
    [InlineData(AuditAction.SignIn, "登录")]
    [InlineData(AuditAction.SignInFailed, "登录失败")]
    [InlineData(AuditAction.LockedOut, "账户锁定")]
    [InlineData(AuditAction.SignOut, "退出登录")]
    [InlineData(AuditAction.PasswordChanged, "修改密码")]
    [InlineData(AuditAction.AccessDenied, "越权访问被拒")]
    [InlineData(AuditAction.Reveal, "查看完整信息")]
    [InlineData(AuditAction.Export, "导出")]
    public void Actions_have_chinese_labels(AuditAction action, string label) => Assert.Equal(label, action.Label());

    [Fact]
    public void Every_action_is_labelled_in_chinese() =>
        Assert.All(AuditText.AllActions, a => Assert.NotEqual(a.ToString(), a.Label()));

    [Theory]
    [InlineData("Retiree", "退休教工")]
    [InlineData("AppUser", "账户")]
    [InlineData("Unit", "单位")]
    [InlineData("RetireeGroup", "退休小组")]
    [InlineData("PartyBranch", "退休支部")]
    [InlineData("VisitRecord", "VisitRecord")]
    [InlineData(null, "")]
    public void Entity_types_have_chinese_labels_and_unknown_ones_keep_their_name(string? type, string label) =>
        Assert.Equal(label, AuditText.EntityTypeLabel(type));

    [Theory]
    [InlineData("Retiree", "Name", "姓名")]
    [InlineData("Retiree", "UnitId", "单位")]
    [InlineData("Retiree", "CareCategories", "关爱类别")]
    [InlineData("AppUser", "Role", "角色")]
    [InlineData("AppUser", "PasswordHash", "密码")]
    [InlineData("Unit", "Name", "单位名称")]
    [InlineData("RetireeGroup", "LeaderId", "组长")]
    [InlineData("Retiree", "NoSuchField", "NoSuchField")]
    [InlineData("VisitRecord", "Name", "Name")]
    [InlineData(null, "Name", "Name")]
    public void Field_labels_come_from_the_display_attribute(string? type, string field, string label) =>
        Assert.Equal(label, AuditText.FieldLabel(type, field));

    [Theory]
    [InlineData("Retiree", "Gender", "Female", "女")]
    [InlineData("Retiree", "HealthStatus", "Bedridden", "卧床")]
    [InlineData("Retiree", "LivingSituation", "Alone", "独自居住")]
    [InlineData("Retiree", "CareCategories", "LivingAlone, EmptyNest", "独居、空巢")]
    [InlineData("Retiree", "CareCategories", "SeriouslyIll", "重病/长期患病")]
    [InlineData("Retiree", "CareCategories", "None", "无")]
    [InlineData("Unit", "Kind", "Kindergarten", "幼儿园")]
    [InlineData("AppUser", "Role", "UnitOfficer", "单位退管干部")]
    [InlineData("Retiree", "IsDeceased", "true", "是")]
    [InlineData("Retiree", "BirthdayIsLunar", "false", "否")]
    [InlineData("Retiree", "BirthDate", "1950-03-07", "1950-03-07")]
    [InlineData("Retiree", "Name", "张桂芳", "张桂芳")]
    [InlineData("AppUser", "PasswordHash", "******", "******")]
    [InlineData("Retiree", "Notes", null, "（空）")]
    [InlineData("Retiree", "Notes", "", "（空）")]
    public void Values_are_shown_in_words_by_the_property_type(string type, string field, string? value, string shown) =>
        Assert.Equal(shown, AuditText.FormatValue(type, field, value));

    [Fact]
    public void Redacted_values_are_the_ones_the_trail_writes() => Assert.Equal(AuditTrail.Redacted, AuditText.Redacted);

    [Theory]
    [InlineData("Gender", "Neuter", "Neuter")]
    [InlineData("Gender", "7", "7")]
    [InlineData("CareCategories", "LivingAlone, Hermit", "独居、Hermit")]
    public void Values_an_enum_no_longer_has_are_shown_as_stored(string field, string value, string shown) =>
        Assert.Equal(shown, AuditText.FormatValue("Retiree", field, value));

    [Theory]
    [InlineData(UserRole.DistrictStaff, "IdNumber", "510105195003071234", "510105************")]
    [InlineData(UserRole.UnitOfficer, "Phone", "13912345678", "139****5678")]
    [InlineData(UserRole.GroupLeader, "EmergencyContactPhone", "13912345678", "139****5678")]
    [InlineData(UserRole.GroupLeader, "IdNumber", "510105195003071234", AuditText.NotShown)]
    [InlineData(UserRole.Leadership, "IdNumber", "510105195003071234", AuditText.NotShown)]
    [InlineData(UserRole.Leadership, "Phone", "13912345678", AuditText.NotShown)]
    [InlineData(UserRole.Administrator, "IdNumber", "510105195003071234", AuditText.NotShown)]
    [InlineData(UserRole.Administrator, "EmergencyContactPhone", "13912345678", AuditText.NotShown)]
    public void Personal_numbers_are_shown_as_the_readers_role_sees_them_everywhere_else(UserRole role, string field, string value, string shown) =>
        Assert.Equal(shown, AuditText.FormatValue("Retiree", field, value, personalData: PersonalDataRules.For(role)));

    [Fact]
    public void Personal_numbers_are_not_shown_when_no_rules_are_given() =>
        Assert.Equal(AuditText.NotShown, AuditText.FormatValue("Retiree", "IdNumber", "510105195003071234"));

    [Fact]
    public void References_without_names_are_shown_by_number() =>
        Assert.Equal("编号 12", AuditText.FormatValue("Retiree", "UnitId", "12"));

    [Fact]
    public void Changes_read_back_what_the_trail_wrote_and_describe_each_action()
    {
        var json = AuditTrail.Serialize([new FieldChange("Name", "张桂芳", "张桂兰"), new FieldChange("Gender", "Male", "Female"), new FieldChange("Notes", null, "独居")]);
        Assert.Equal(3, AuditText.ParseChanges(json).Count);

        var update = AuditText.DescribeChanges(new AuditEntry { Action = AuditAction.Update, EntityType = "Retiree", Changes = json });
        Assert.Equal(["姓名: 张桂芳 → 张桂兰", "性别: 男 → 女", "备注: （空） → 独居"], update.Select(c => c.Summary));

        var created = AuditText.DescribeChanges(new AuditEntry
        {
            Action = AuditAction.Create, EntityType = "Retiree",
            Changes = AuditTrail.Serialize([new FieldChange("Name", null, "张桂芳"), new FieldChange("IsAssociationMember", null, "true")]),
        });
        Assert.Equal(["姓名: 张桂芳", "退教协会员: 是"], created.Select(c => c.Summary));

        var deleted = AuditText.DescribeChanges(new AuditEntry
        {
            Action = AuditAction.Delete, EntityType = "Unit", Changes = AuditTrail.Serialize([new FieldChange("Name", "草堂小学", null)]),
        });
        Assert.Equal(["单位名称: 草堂小学"], deleted.Select(c => c.Summary));
    }

    [Fact]
    public void Changes_are_listed_in_the_order_the_record_declares_its_fields()
    {
        // The trail writes them in the model's alphabetical order.
        var entry = new AuditEntry
        {
            Action = AuditAction.Update, EntityType = nameof(Retiree),
            Changes = AuditTrail.Serialize(
            [
                new FieldChange("CareCategories", "None", "LivingAlone"), new FieldChange("Gone", "1", "2"), new FieldChange("Name", "甲", "乙"),
                new FieldChange("Notes", null, "备注"), new FieldChange("UnitId", "1", "2"),
            ]),
        };

        Assert.Equal(["姓名", "单位", "关爱类别", "备注", "Gone"], AuditText.DescribeChanges(entry).Select(c => c.Label));
    }

    [Fact]
    public void A_line_that_cannot_be_read_is_shown_raw_not_hidden()
    {
        var changes = AuditText.ParseChanges("{not json");
        Assert.Equal("{not json", Assert.Single(changes).New);
        Assert.Empty(AuditText.ParseChanges(null));
    }

    [Fact]
    public void Times_are_shown_in_the_office_time_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        Assert.Equal("2026-11-23 01:30:05", AuditText.FormatTime(new DateTime(2026, 11, 22, 17, 30, 5, DateTimeKind.Utc), shanghai));
        Assert.Equal("2026-11-22 17:30:05", AuditText.FormatTime(new DateTime(2026, 11, 22, 17, 30, 5, DateTimeKind.Unspecified), TimeZoneInfo.Utc));
    }
}

public sealed class AuditTextNameLookupTests : IDisposable
{
    private readonly TestDatabase _database = new TestDatabase().Migrated();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task References_are_named_with_one_query_per_table_for_the_whole_batch()
    {
        Unit shishi, caotang;
        RetireeGroup oldGroup, newGroup;
        PartyBranch branch;
        Retiree leader;
        using (var db = _database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            shishi = make.Unit("石室中学");
            caotang = make.Unit("草堂小学");
            oldGroup = make.Group(shishi, "第1小组");
            newGroup = make.Group(caotang, "第1小组");
            branch = make.Branch("退休第一支部");
            leader = make.Retiree(caotang, "周明", gender: Gender.Male);

            var movers = make.Retirees(shishi, 12, prefix: "调动");
            foreach (var r in movers)
            {
                r.GroupId = oldGroup.Id;
            }

            db.SaveChanges();
            foreach (var r in movers)
            {
                r.UnitId = caotang.Id;
                r.GroupId = newGroup.Id;
                r.PartyBranchId = branch.Id;
            }

            db.SaveChanges();
            newGroup.LeaderId = leader.Id;
            db.SaveChanges();
        }

        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<IntranetDbContext>().UseSqlite(_database.ConnectionString).AddInterceptors(counter).Options;
        await using var reader = new IntranetDbContext(options);
        var entries = await reader.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Update).ToListAsync();
        Assert.True(entries.Count >= 13, $"expected the moves and the leader change, got {entries.Count} lines");

        counter.Count = 0;
        var names = await AuditText.LoadNamesAsync(reader, entries);
        Assert.Equal(4, counter.Count);

        var move = entries.Last(e => e.EntityType == nameof(Retiree) && e.Changes!.Contains("\"UnitId\"", StringComparison.Ordinal));
        var summaries = AuditText.DescribeChanges(move, names).Select(c => c.Summary).ToList();
        Assert.Contains("单位: 石室中学 → 草堂小学", summaries);
        Assert.Contains("退休小组: 石室中学 · 第1小组 → 草堂小学 · 第1小组", summaries);
        Assert.Contains("退休支部: （空） → 退休第一支部", summaries);

        var leaderChange = entries.Single(e => e.EntityType == nameof(RetireeGroup));
        Assert.Equal("组长: （空） → 周明", Assert.Single(AuditText.DescribeChanges(leaderChange, names)).Summary);

        // Nothing to look up, nothing asked.
        counter.Count = 0;
        await AuditText.LoadNamesAsync(reader, [new AuditEntry { Action = AuditAction.SignIn }]);
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task A_referenced_record_since_deleted_is_shown_by_number()
    {
        using var db = _database.CreateContext();
        var entry = new AuditEntry
        {
            Action = AuditAction.Update, EntityType = nameof(Retiree),
            Changes = AuditTrail.Serialize([new FieldChange("UnitId", "9999", "9998")]),
        };

        var names = await AuditText.LoadNamesAsync(db, [entry]);

        Assert.Equal("单位: 编号 9999 → 编号 9998", Assert.Single(AuditText.DescribeChanges(entry, names)).Summary);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
