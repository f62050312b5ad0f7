using AngleSharp.Html.Dom;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Intranet.Web.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Audit;

public sealed class AuditHistoryComponentTests : IDisposable
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly TestDatabase _database = new TestDatabase().Migrated();
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero), Shanghai);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Shows_a_retirees_changes_newest_first_in_chinese_with_old_and_new_values()
    {
        var (retiree, school, other) = MakeRetireeWithHistory();

        var document = await RenderAsync(UserRole.UnitOfficer, unitId: other.Id, retireeId: retiree.Id);

        var lines = document.QuerySelectorAll("li.audit-history-line");
        Assert.Equal(2, lines.Length);
        Assert.Equal("共 2 条记录", document.QuerySelector(".audit-history-total")!.TextContent.Trim());

        // Newest first: the move, at local time, by whom, as a change with old and new values.
        var update = lines[0];
        Assert.Equal("2026-11-22 10:15:00", update.QuerySelector(".audit-time")!.TextContent.Trim());
        Assert.Equal("zhou", update.QuerySelector(".audit-user")!.TextContent.Trim());
        Assert.Equal("修改", update.QuerySelector(".audit-action")!.TextContent.Trim());
        Assert.Equal(["字段", "原值", "新值"], update.QuerySelectorAll("th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["姓名", "张桂芳", "张桂兰"], Cells(update, "Name"));
        Assert.Equal(["单位", school.Name, other.Name], Cells(update, "UnitId"));
        Assert.Equal(["关爱类别", "无", "独居、空巢"], Cells(update, "CareCategories"));
        Assert.Equal(["联系电话", "138****1234", "139****5678"], Cells(update, "Phone"));

        // The creation lists the fields that were set.
        var create = lines[1];
        Assert.Equal("新建", create.QuerySelector(".audit-action")!.TextContent.Trim());
        Assert.Equal(["字段", "值"], create.QuerySelectorAll("th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["性别", "女"], Cells(create, "Gender"));
        Assert.Equal(["已故", "否"], Cells(create, "IsDeceased"));

        Assert.DoesNotContain("13912345678", document.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(retiree.IdNumber, document.Body.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_officer_of_another_unit_sees_no_lines()
    {
        var (retiree, school, _) = MakeRetireeWithHistory();
        Unit third;
        using (var db = _database.CreateContext())
        {
            third = new RegisterBuilder(db).Unit("第三幼儿园");
        }

        // Her old unit is no longer hers to read, nor is a unit she never belonged to.
        foreach (var unitId in new[] { school.Id, third.Id })
        {
            var document = await RenderAsync(UserRole.UnitOfficer, unitId: unitId, retireeId: retiree.Id);

            Assert.Empty(document.QuerySelectorAll("li.audit-history-line"));
            Assert.Contains("暂无变更记录", document.Body!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("张桂", document.Body.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Shows_the_records_changes_not_who_looked_at_a_number_which_is_for_the_audit_log()
    {
        var (retiree, _, other) = MakeRetireeWithHistory();
        using (var db = _database.CreateContext())
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = _clock.Now.UtcDateTime.AddHours(1), UserName = "zhou", Action = AuditAction.Reveal,
                EntityType = nameof(Retiree), EntityId = retiree.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RetireeId = retiree.Id, Subject = "张桂兰", Details = "查看完整身份证号",
            });
            db.SaveChanges();
        }

        var document = await RenderAsync(UserRole.UnitOfficer, unitId: other.Id, retireeId: retiree.Id);

        var lines = document.QuerySelectorAll("li.audit-history-line");
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.NotEqual("查看完整信息", line.QuerySelector(".audit-action")!.TextContent.Trim()));
        Assert.DoesNotContain("查看完整身份证号", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_history_comes_a_page_at_a_time()
    {
        var (retiree, _, other) = MakeRetireeWithHistory();
        using (var db = Context("zhou"))
        {
            var tracked = db.Retirees.Single(r => r.Id == retiree.Id);
            for (var i = 0; i < 24; i++)
            {
                tracked.Notes = $"第{i}次备注";
                db.SaveChanges();
            }
        }

        var document = await RenderAsync(UserRole.DistrictStaff, unitId: null, retireeId: retiree.Id);

        Assert.Equal(20, document.QuerySelectorAll("li.audit-history-line").Length);
        Assert.Equal("共 26 条记录", document.QuerySelector(".audit-history-total")!.TextContent.Trim());
        Assert.Contains("加载更多（还有 6 条）", document.QuerySelector(".audit-history-more")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_history_is_read_through_the_readers_scope()
    {
        var (_, school, other) = MakeRetireeWithHistory();
        Task<IHtmlDocument> RenderUnitHistoryAsync(UserRole role, int? unitId) =>
            RenderAsync(role, unitId, retireeId: null, entityType: nameof(Unit), entityId: other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var own = await RenderUnitHistoryAsync(UserRole.UnitOfficer, other.Id);
        Assert.Equal(["单位名称", other.Name], Cells(own.QuerySelector("li.audit-history-line")!, "Name"));

        var foreign = await RenderUnitHistoryAsync(UserRole.UnitOfficer, school.Id);
        Assert.Empty(foreign.QuerySelectorAll("li.audit-history-line"));

        var admin = await RenderUnitHistoryAsync(UserRole.Administrator, null);
        Assert.Single(admin.QuerySelectorAll("li.audit-history-line"));
    }

    /// <summary>A retiree created in one unit, then renamed and moved to another with other changes.</summary>
    private (Retiree Retiree, Unit From, Unit To) MakeRetireeWithHistory()
    {
        Unit school, other;
        Retiree retiree;
        using (var db = Context("wang"))
        {
            var make = new RegisterBuilder(db);
            school = make.Unit();
            other = make.Unit();
            retiree = make.Retiree(school, "张桂芳", configure: r => r.Phone = "13800001234");
        }

        _clock.Now = new DateTimeOffset(2026, 11, 22, 2, 15, 0, TimeSpan.Zero);
        using (var db = Context("zhou"))
        {
            var tracked = db.Retirees.Single(r => r.Id == retiree.Id);
            tracked.Name = "张桂兰";
            tracked.UnitId = other.Id;
            tracked.Phone = "13912345678";
            tracked.CareCategories = CareCategories.LivingAlone | CareCategories.EmptyNest;
            db.SaveChanges();
        }

        return (retiree, school, other);
    }

    // A plain author: CurrentUser reads the ambient HttpContext, which the last CurrentUserFor sets for everyone.
    private IntranetDbContext Context(string userName) => new(_database.Options(new Author(userName), _clock));

    private sealed record Author(string UserName) : Domain.Common.ICurrentUser;

    private static string[] Cells(AngleSharp.Dom.IElement line, string field) =>
        line.QuerySelector($"tr[data-field='{field}']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();

    private Task<IHtmlDocument> RenderAsync(UserRole role, int? unitId, int? retireeId, string? entityType = null, string? entityId = null) =>
        ComponentRenderer.RenderAsync<AuditHistory>(
            services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                services.AddSingleton<IDbContextFactory<IntranetDbContext>>(_database.Factory());
                services.AddSingleton(TestAccounts.CurrentUserFor(role, unitId));
                services.AddScoped<AuditHistoryQueries>();
            },
            new Dictionary<string, object?>
            {
                [nameof(AuditHistory.RetireeId)] = retireeId,
                [nameof(AuditHistory.EntityType)] = entityType,
                [nameof(AuditHistory.EntityId)] = entityId,
            });
}
