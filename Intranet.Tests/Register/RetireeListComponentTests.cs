using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Register;

public sealed class RetireeListComponentTests : IDisposable
{
    private readonly TestDatabase _database = new TestDatabase().Migrated();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Renders_the_first_page_with_masked_personal_data_and_chinese_headings()
    {
        using (var db = _database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            var school = make.Unit("泡桐树小学");
            make.Retirees(school, 24);
            make.Retiree(school, "独居老人", age: 86, configure: r =>
            {
                r.CareCategories = CareCategories.LivingAlone | CareCategories.SeriouslyIll;
                r.Phone = "13912345678";
            });
        }

        var document = await RenderAsync();

        var headings = document.QuerySelectorAll("th").Select(th => th.TextContent.Trim()).ToList();
        foreach (var heading in new[] { "姓名", "性别", "年龄", "单位", "小组", "支部", "身份证号", "电话", "关爱类别" })
        {
            Assert.Contains(heading, headings);
        }

        var rows = document.QuerySelectorAll("tbody tr.rz-data-row");
        Assert.Equal(20, rows.Length);
        Assert.Equal("共 25 人", document.QuerySelector("#register-total")!.TextContent.Trim());
        Assert.Contains("第 1 页，共 2 页（25 人）", document.Body!.TextContent, StringComparison.Ordinal);

        var elder = rows.Single(r => r.TextContent.Contains("独居老人", StringComparison.Ordinal));
        Assert.Contains("139****5678", elder.TextContent, StringComparison.Ordinal);
        Assert.Contains("510105********", elder.TextContent, StringComparison.Ordinal);
        Assert.Contains("高龄", elder.TextContent, StringComparison.Ordinal);
        Assert.Contains("独居", elder.TextContent, StringComparison.Ordinal);
        Assert.Contains("重病/长期患病", elder.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", document.Body.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offers_every_unit_and_branch_as_a_filter_and_says_when_nothing_matches()
    {
        using (var db = _database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            make.Unit("草堂小学");
            make.Branch("退休第七支部");
        }

        var document = await RenderAsync();

        Assert.Contains("没有符合条件的退休教工", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("共 0 人", document.QuerySelector("#register-total")!.TextContent.Trim());
        Assert.Contains("全部单位", document.Body.TextContent, StringComparison.Ordinal);
    }

    private Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync() =>
        ComponentRenderer.RenderAsync<RetireeList>(services =>
            services.AddAppServices(_database, TestAccounts.CurrentUserFor(Domain.Accounts.UserRole.DistrictStaff)));
}
