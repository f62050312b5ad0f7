using Intranet.Domain.Accounts;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Welfare;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Welfare;

public sealed class CampaignTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task A_campaign_freezes_its_cohort_split_by_unit_and_each_unit_works_through_its_part()
    {
        int campaignId;
        await using (var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var campaigns = Service(scope);
            var form = Form();
            Assert.Equal(3, await campaigns.CountCohortAsync(form));
            var created = await campaigns.CreateAsync(form);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors));
            campaignId = created.Value;
            Assert.Equal("60岁及以上", (await campaigns.GetAsync(campaignId))!.Cohort);
            Assert.Equal([(_world.UnitA.Id, 2, 0), (_world.UnitB.Id, 1, 0)], (await campaigns.ProgressAsync(campaignId)).Select(p => (p.UnitId, p.People, p.Done)).OrderBy(p => p.UnitId == _world.UnitB.Id));
        }

        // Someone registered afterwards is not on the frozen list.
        using (var db = App.Database.CreateContext())
        {
            new RegisterBuilder(db).Retiree(_world.UnitA, "后登记老师");
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var campaigns = Service(scope);
            Assert.False((await campaigns.CreateAsync(Form())).Succeeded);
            var progress = Assert.Single(await campaigns.ProgressAsync(campaignId));
            Assert.Equal((_world.UnitA.Id, 2), (progress.UnitId, progress.People));
            Assert.Empty(await campaigns.EntriesAsync(campaignId, _world.UnitB.Id));

            var entry = (await campaigns.EntriesAsync(campaignId, _world.UnitA.Id))[0];
            Assert.Equal("139****2222", (await campaigns.EntriesAsync(campaignId, _world.UnitA.Id)).Single(e => e.RetireeId == _world.InGroupA.Id).Phone);
            var visit = new VisitForm { VisitedOn = campaigns.Today, Visitors = "单位退管干部", Gift = "米、油", Amount = "300" };
            var results = await Task.WhenAll(campaigns.RecordVisitAsync(entry.Id, entry.Version, visit), OtherOfficerTicksAsync(entry, visit));
            Assert.Single(results, r => r.Succeeded);
            Assert.Contains("已由他人登记", results.Single(r => !r.Succeeded).Message, StringComparison.Ordinal);
            Assert.Equal(1, Assert.Single(await campaigns.ProgressAsync(campaignId)).Done);
        }

        using var check = App.Database.CreateContext();
        Assert.Equal(1, await check.Set<Visit>().CountAsync(v => v.Occasion == VisitOccasion.SpringFestival));
    }

    [Fact]
    public async Task A_campaign_needs_someone_on_its_list_and_sensible_dates()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var campaigns = Service(scope);
        var late = Form();
        late.EndsOn = late.StartsOn!.Value.AddDays(-1);
        Assert.Equal(nameof(CampaignForm.EndsOn), Assert.Single((await campaigns.CreateAsync(late)).FieldErrors).Field);
        var nobody = Form();
        nobody.MinAge = 110;
        Assert.Equal(CommandOutcome.Refused, (await campaigns.CreateAsync(nobody)).Outcome);
        using var db = App.Database.CreateContext();
        Assert.Equal(0, await db.Set<VisitCampaign>().CountAsync());
    }

    [Fact]
    public async Task The_export_holds_the_readers_part_with_phones_masked_and_is_logged()
    {
        int campaignId;
        await using (var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            campaignId = (await Service(scope).CreateAsync(Form())).Value;
        }

        using var client = await App.SignedInClientAsync(_world[UserRole.UnitOfficer]);
        var response = await client.GetAsync(CampaignExport.Url(campaignId, null));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateReader(new MemoryStream(bytes));
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
        }

        Assert.Equal("单位", rows[0][0]);
        Assert.Equal(2, rows.Count - 1); // unit A's two people only
        Assert.All(rows.Skip(1), r => Assert.Equal(_world.UnitA.Name, r[0]));
        Assert.Contains(rows, r => (r[4] as string) == "139****2222");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        Assert.DoesNotContain("13911112222", sheet, StringComparison.Ordinal);

        using var db = App.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == Domain.Audit.AuditAction.Export && a.UserName == _world[UserRole.UnitOfficer].UserName));
    }

    private async Task<CommandResult> OtherOfficerTicksAsync(CampaignEntryItem entry, VisitForm visit)
    {
        var other = await App.CreateAccountAsync(UserRole.UnitOfficer, _world.UnitA.Id);
        await using var scope = await App.ScopeForAsync(other);
        return await Service(scope).RecordVisitAsync(entry.Id, entry.Version, new VisitForm { VisitedOn = visit.VisitedOn, Visitors = "另一位干部" });
    }

    private static CampaignService Service(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<CampaignService>();

    private static CampaignForm Form() => new()
    {
        Name = "2026 春节慰问", Occasion = VisitOccasion.SpringFestival, StartsOn = DateOnly.FromDateTime(DateTime.Today).AddDays(-5),
        EndsOn = DateOnly.FromDateTime(DateTime.Today).AddDays(20), MinAge = 60, Gift = "米、油", Amount = "300",
    };
}
