using Intranet.Domain.Accounts;
using Intranet.Domain.Activities;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Activities;
using Intranet.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Activities;

/// <summary>Who the golden-wedding celebration may invite, worked out from the register on the day of the celebration.</summary>
public sealed class GoldenWeddingTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 10, 29);

    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Fifty_years_on_the_day_counts_a_day_short_does_not_and_the_dead_and_widowed_are_left_out()
    {
        Retiree exact, couple1, couple2;
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            exact = make.Married(_world.UnitA, "金满年", "配偶甲", Day.AddYears(-50));
            make.Married(_world.UnitA, "差一天", "配偶乙", Day.AddYears(-50).AddDays(1));
            make.Married(_world.UnitA, "丧偶者", "配偶丙", Day.AddYears(-55), r => r.SpouseIsDeceased = true);
            make.Married(_world.UnitB, "已故者", "配偶丁", Day.AddYears(-55), r => { r.IsDeceased = true; r.DeathDate = Day.AddYears(-1); });
            make.Retiree(_world.UnitB, "未婚者", configure: r => r.MarriageDate = Day.AddYears(-60)); // no spouse named
            couple1 = make.Married(_world.UnitA, "王夫", "李妻", Day.AddYears(-52));
            couple2 = make.Married(_world.UnitB, "李妻", "王夫", Day.AddYears(-52));

            // Both in the register, but the spouse has died there: no couple to celebrate, from either side.
            make.Married(_world.UnitA, "赵夫", "钱妻", Day.AddYears(-53));
            make.Married(_world.UnitA, "钱妻", "赵夫", Day.AddYears(-53), r => { r.IsDeceased = true; r.DeathDate = Day.AddYears(-2); });
        }

        var activity = App.Database.AddActivity(ActivityKind.GoldenWedding, Day);
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var queries = scope.ServiceProvider.GetRequiredService<ActivityQueries>();

        var couples = (await queries.EligibleCouplesAsync(activity.Id)).Couples;
        Assert.Equal(["王夫", "金满年"], couples.Select(c => c.Name));
        var both = couples[0];
        Assert.Equal((couple1.Id, "李妻", true, 52), (both.RetireeId, both.SpouseName, both.SpouseInRegister, both.YearsMarried));
        Assert.Equal((exact.Id, false, 50), (couples[1].RetireeId, couples[1].SpouseInRegister, couples[1].YearsMarried));
        Assert.DoesNotContain(couples, c => c.RetireeId == couple2.Id);

        // A unit officer sees their unit's side: the couple split across units is theirs too.
        await using var officerScope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        var own = (await officerScope.ServiceProvider.GetRequiredService<ActivityQueries>().EligibleCouplesAsync(activity.Id)).Couples;
        Assert.Equal(["王夫", "金满年"], own.Select(c => c.Name));
    }

    [Theory]
    [InlineData("1976-02-29", "2026-02-28", false)]
    [InlineData("1976-02-29", "2026-03-01", true)]
    [InlineData("1974-02-28", "2024-02-29", true)]
    [InlineData("1974-03-01", "2024-02-29", false)]
    [InlineData("1976-02-29", "2028-02-29", true)]
    public async Task A_wedding_on_29_February_has_its_fifty_years_on_1_March_in_a_common_year(string married, string day, bool eligible)
    {
        using (var db = App.Database.CreateContext())
        {
            new RegisterBuilder(db).Married(_world.UnitA, "闰日婚", "配偶", DateOnly.Parse(married, System.Globalization.CultureInfo.InvariantCulture));
        }

        var activity = App.Database.AddActivity(ActivityKind.GoldenWedding, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var couples = (await scope.ServiceProvider.GetRequiredService<ActivityQueries>().EligibleCouplesAsync(activity.Id)).Couples;
        Assert.Equal(eligible, couples.Any(c => c.Name == "闰日婚"));
    }

    [Fact]
    public async Task Those_who_attended_an_earlier_celebration_are_left_out_unless_asked_and_those_who_declined_are_asked_again()
    {
        Retiree attended, declined, husband, wife;
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            attended = make.Married(_world.UnitA, "去年参加", "配偶甲", Day.AddYears(-55));
            declined = make.Married(_world.UnitA, "去年未去", "配偶乙", Day.AddYears(-55));
            husband = make.Married(_world.UnitA, "周夫", "吴妻", Day.AddYears(-56));
            wife = make.Married(_world.UnitA, "吴妻", "周夫", Day.AddYears(-56));
        }

        var lastYear = App.Database.AddActivity(ActivityKind.GoldenWedding, Day.AddYears(-1));
        App.Database.AddParticipant(lastYear, attended, ParticipationStatus.Attended);
        App.Database.AddParticipant(lastYear, declined, ParticipationStatus.Declined);
        App.Database.AddParticipant(lastYear, wife, ParticipationStatus.Attended); // the couple came, under the wife's name

        var forum = App.Database.AddActivity(ActivityKind.Forum, Day.AddYears(-1));
        App.Database.AddParticipant(forum, declined, ParticipationStatus.Attended); // another kind of activity is no celebration

        var activity = App.Database.AddActivity(ActivityKind.GoldenWedding, Day);
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var queries = scope.ServiceProvider.GetRequiredService<ActivityQueries>();
        var commands = scope.ServiceProvider.GetRequiredService<ActivityCommands>();

        Assert.Equal(["去年未去"], (await queries.EligibleCouplesAsync(activity.Id, excludeCelebrated: true)).Couples.Select(c => c.Name));
        Assert.Equal(["周夫", "去年参加", "去年未去"], (await queries.EligibleCouplesAsync(activity.Id, excludeCelebrated: false)).Couples.Select(c => c.Name));

        // Inviting the celebrated couple anyway is refused with the reason, and nothing of the batch is saved.
        var refused = await commands.InviteAsync(activity.Id, [declined.Id, husband.Id]);
        Assert.Equal(CommandOutcome.Refused, refused.Outcome);
        Assert.Contains($"周夫夫妇已参加过 {Day.AddYears(-1):yyyy-MM-dd} 的金婚庆典", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await queries.ParticipantsAsync(activity.Id));

        // With the option off they may come again.
        var again = await commands.InviteAsync(activity.Id, [husband.Id], excludeCelebrated: false);
        Assert.True(again.Succeeded, again.Message);
    }

    [Fact]
    public async Task A_couple_is_invited_once_with_the_spouse_and_one_no_longer_eligible_is_refused_with_the_reason()
    {
        Retiree husband, wife, young, widowed;
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            husband = make.Married(_world.UnitA, "孙夫", "郑妻", Day.AddYears(-51));
            wife = make.Married(_world.UnitB, "郑妻", "孙夫", Day.AddYears(-51));
            young = make.Married(_world.UnitA, "新婚四十九年", "配偶", Day.AddYears(-49));
            widowed = make.Married(_world.UnitA, "刚丧偶", "配偶", Day.AddYears(-55));
        }

        var activity = App.Database.AddActivity(ActivityKind.GoldenWedding, Day);
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var queries = scope.ServiceProvider.GetRequiredService<ActivityQueries>();
        var commands = scope.ServiceProvider.GetRequiredService<ActivityCommands>();

        // Both spouses picked at once: one invitation, with the spouse's name.
        var invited = await commands.InviteAsync(activity.Id, [husband.Id, wife.Id]);
        Assert.Equal(1, invited.Value);
        var row = Assert.Single(await queries.ParticipantsAsync(activity.Id));
        Assert.Equal((husband.Id, "郑妻"), (row.RetireeId, row.SpouseName));
        Assert.DoesNotContain((await queries.EligibleCouplesAsync(activity.Id)).Couples, c => c.RetireeId == wife.Id);

        // The wife again (from her unit's list, say): already on the list as a couple.
        var twice = await commands.InviteAsync(activity.Id, [wife.Id]);
        Assert.Contains("已在本次庆典的邀请名单中", twice.Message, StringComparison.Ordinal);

        Assert.Contains("未满 50 年", (await commands.InviteAsync(activity.Id, [young.Id])).Message, StringComparison.Ordinal);

        // On the eligible list when the page loaded; the spouse's death recorded since: refused, with the reason.
        Assert.Contains((await queries.EligibleCouplesAsync(activity.Id)).Couples, c => c.RetireeId == widowed.Id);
        using (var db = App.Database.CreateContext())
        {
            await db.Retirees.Where(r => r.Id == widowed.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.SpouseIsDeceased, true));
        }

        var late = await commands.InviteAsync(activity.Id, [widowed.Id]);
        Assert.Equal((CommandOutcome.Refused, "不能邀请：刚丧偶的配偶已故。"), (late.Outcome, late.Message));
        Assert.Single(await queries.ParticipantsAsync(activity.Id));

        // Invite all: what is left eligible (nothing here).
        Assert.Equal(CommandOutcome.Refused, (await commands.InviteAllEligibleAsync(activity.Id)).Outcome);
    }

    [Fact]
    public async Task Invite_all_takes_every_eligible_couple_once_and_the_list_empties()
    {
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            for (var i = 0; i < 5; i++)
            {
                make.Married(i % 2 == 0 ? _world.UnitA : _world.UnitB, $"金婚{i}", $"配偶{i}", Day.AddYears(-50 - i));
            }

            make.Married(_world.UnitA, "陈夫", "林妻", Day.AddYears(-60));
            make.Married(_world.UnitB, "林妻", "陈夫", Day.AddYears(-60));
        }

        var activity = App.Database.AddActivity(ActivityKind.GoldenWedding, Day);
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var queries = scope.ServiceProvider.GetRequiredService<ActivityQueries>();
        var all = await scope.ServiceProvider.GetRequiredService<ActivityCommands>().InviteAllEligibleAsync(activity.Id);
        Assert.Equal(6, all.Value);
        Assert.Empty((await queries.EligibleCouplesAsync(activity.Id)).Couples);

        // Bounded: asked for two, two come back and it says there are more.
        var other = App.Database.AddActivity(ActivityKind.GoldenWedding, Day.AddDays(1));
        var bounded = await queries.EligibleCouplesAsync(other.Id, limit: 2);
        Assert.Equal((2, true), (bounded.Couples.Count, bounded.More));
    }
}
