using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Register.Duplicates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Register.Duplicates;

public sealed class DuplicatesTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Likely_duplicates_are_found_by_normalised_id_number_name_and_birth_date_and_name_and_phone()
    {
        int oldForm, newForm, wrongCheck, lowerX, upperX, sameBirthA, sameBirthB, samePhoneA, samePhoneB;
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            var unit = make.Unit();
            var born = new DateOnly(1950, 3, 2);

            // Old sheets typed the 15-digit form, or a lower-case x; both slipped in before the register normalised them.
            var full = ResidentIdNumber.Create("510105", born, 21, Gender.Male).Value;
            oldForm = make.Retiree(unit, "周建国", configure: r => r.IdNumber = full[..6] + full[8..17]).Id;
            newForm = make.Retiree(unit, "周建囯", configure: r => r.IdNumber = full).Id;
            wrongCheck = make.Retiree(unit, "周建华", configure: r => r.IdNumber = full[..17] + (full[17] == '0' ? '1' : '0')).Id;
            var withX = Enumerable.Range(1, 999).Select(n => ResidentIdNumber.Create("510105", born, n, Gender.Female).Value).First(v => v.EndsWith('X'));
            lowerX = make.Retiree(unit, "吴秀兰", configure: r => r.IdNumber = withX.ToLowerInvariant()).Id;
            upperX = make.Retiree(unit, "吴秀兰", configure: r => { r.IdNumber = withX; r.BirthDate = r.BirthDate.AddDays(3); r.Phone = "13700000001"; }).Id;

            sameBirthA = make.Retiree(unit, "郑丽华", configure: r => (r.BirthDate, r.Phone) = (born, "13600000001")).Id;
            sameBirthB = make.Retiree(unit, "郑丽华", configure: r => (r.BirthDate, r.Phone) = (born, "13600000002")).Id;
            samePhoneA = make.Retiree(unit, "冯志强", age: 71, configure: r => r.Phone = "138-0000-5678").Id;
            samePhoneB = make.Retiree(unit, "冯志强", age: 75, configure: r => r.Phone = "138 0000 5678").Id;
            make.Retiree(unit, "冯志强", age: 80, configure: r => r.Phone = "13800009999");
        }

        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var report = await scope.ServiceProvider.GetRequiredService<DuplicateQueries>().FindAsync();

        Assert.False(report.Truncated);
        Assert.Equal(4, report.Sets.Count);
        AssertSet(report, [DuplicateReason.IdNumber], oldForm, newForm, wrongCheck);
        AssertSet(report, [DuplicateReason.IdNumber], lowerX, upperX);
        AssertSet(report, [DuplicateReason.NameAndBirthDate], sameBirthA, sameBirthB);
        AssertSet(report, [DuplicateReason.NameAndPhone], samePhoneA, samePhoneB);
        var shown = report.Sets.SelectMany(s => s.Members).ToList();
        Assert.All(shown, m => Assert.Contains("*", m.MaskedIdNumber, StringComparison.Ordinal));
        Assert.All(shown, m => Assert.Contains("*", m.MaskedPhone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_unit_officer_sees_only_their_units_duplicates_and_a_group_leader_cannot_compare_id_numbers()
    {
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            make.Retiree(_world.UnitA, "孙桂芝", configure: r => r.BirthDate = new DateOnly(1948, 1, 1));
            make.Retiree(_world.UnitA, "孙桂芝", configure: r => r.BirthDate = new DateOnly(1948, 1, 1));
            make.Retiree(_world.UnitB, "钱玉梅", configure: r => r.BirthDate = new DateOnly(1949, 1, 1));
            make.Retiree(_world.UnitB, "钱玉梅", configure: r => r.BirthDate = new DateOnly(1949, 1, 1));
            var id = ResidentIdNumber.Create("510105", new DateOnly(1947, 5, 5), 33, Gender.Male).Value;
            make.Retiree(_world.UnitA, "甲组甲", configure: r => (r.GroupId, r.IdNumber) = (_world.GroupA.Id, id));
            make.Retiree(_world.UnitA, "甲组乙", configure: r => (r.GroupId, r.IdNumber) = (_world.GroupA.Id, id[..6] + id[8..17]));
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var report = await scope.ServiceProvider.GetRequiredService<DuplicateQueries>().FindAsync();
            Assert.Equal(["孙桂芝", "甲组甲"], report.Sets.Select(s => s.Members[0].Name).Order(StringComparer.Ordinal).ToArray());
            Assert.DoesNotContain(report.Sets.SelectMany(s => s.Members), m => m.Name == "钱玉梅");
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.GroupLeader]))
        {
            var report = await scope.ServiceProvider.GetRequiredService<DuplicateQueries>().FindAsync();
            Assert.Empty(report.Sets);
        }
    }

    [Fact]
    public async Task A_merge_keeps_the_chosen_fields_deletes_the_other_record_and_shows_both_histories_on_the_survivor()
    {
        var staff = _world[UserRole.DistrictStaff];
        int keep, other;
        long keepVersion, otherVersion;
        string otherId;
        await using (var scope = await App.ScopeForAsync(staff))
        {
            var commands = scope.ServiceProvider.GetRequiredService<Intranet.Web.Register.RegisterCommands>();
            var born = new DateOnly(1950, 3, 2);
            var a = await commands.SaveAsync(new Intranet.Web.Register.RetireeForm
            {
                Name = "陈淑芬", IdNumber = ResidentIdNumber.Create("110105", born, 5, Gender.Female).Value, UnitId = _world.UnitA.Id, Address = "旧地址",
            });
            var b = await commands.SaveAsync(new Intranet.Web.Register.RetireeForm
            {
                Name = "陈淑芬", IdNumber = ResidentIdNumber.Create("110105", born, 7, Gender.Female).Value, UnitId = _world.UnitB.Id, Phone = "13912345678", Address = "新地址",
            });
            Assert.True(a.Succeeded && b.Succeeded, string.Join(" ", a.Errors.Concat(b.Errors)));
            (keep, other) = (a.Value, b.Value);
        }

        using (var db = App.Database.CreateContext())
        {
            var pair = await db.Retirees.AsNoTracking().Where(r => r.Id == keep || r.Id == other).ToListAsync();
            (keepVersion, otherVersion, otherId) = (pair.Single(r => r.Id == keep).Version, pair.Single(r => r.Id == other).Version, pair.Single(r => r.Id == other).IdNumber);
        }

        await using (var scope = await App.ScopeForAsync(staff))
        {
            var merge = scope.ServiceProvider.GetRequiredService<RetireeMerge>();
            var result = await merge.MergeAsync(new MergeForm
            {
                SurvivorId = keep, SurvivorVersion = keepVersion, OtherId = other, OtherVersion = otherVersion,
                TakeFromOther = ["Phone", "Address", "IdNumber"],
            });
            Assert.True(result.Succeeded, string.Join(" ", result.Errors));

            var history = await scope.ServiceProvider.GetRequiredService<Intranet.Web.Audit.AuditHistoryQueries>().ForRetireeAsync(keep, 0, 100);
            Assert.Contains(history.Items, l => l.Action == AuditAction.Merge && l.Details!.Contains("合并到本记录", StringComparison.Ordinal));
            Assert.Equal(2, history.Items.Count(l => l.Action == AuditAction.Create));
            Assert.Contains(history.Items, l => l.Action == AuditAction.Create && l.EntityId == other.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(history.Items, l => l.Action == AuditAction.Delete && l.EntityId == other.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using (var db = App.Database.CreateContext())
        {
            Assert.False(await db.Retirees.AnyAsync(r => r.Id == other));
            var survivor = await db.Retirees.SingleAsync(r => r.Id == keep);
            Assert.Equal(("13912345678", "新地址", otherId, _world.UnitA.Id), (survivor.Phone, survivor.Address, survivor.IdNumber, survivor.UnitId));
            Assert.Equal(keepVersion + 1, survivor.Version);
            var update = await db.AuditEntries.SingleAsync(a => a.RetireeId == keep && a.Action == AuditAction.Update);
            Assert.Contains(new FieldChange("Address", "旧地址", "新地址"), AuditTrail.Deserialize(update.Changes));
        }
    }

    [Fact]
    public async Task A_merge_of_records_loaded_before_someone_else_saved_is_refused_and_nothing_changes()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var merge = scope.ServiceProvider.GetRequiredService<RetireeMerge>();
        var result = await merge.MergeAsync(new MergeForm
        {
            SurvivorId = _world.InUnitA.Id, SurvivorVersion = _world.InUnitA.Version - 1, OtherId = _world.InUnitB.Id, OtherVersion = _world.InUnitB.Version,
        });

        Assert.True(result.Stale);
        Assert.Contains("已被他人修改", result.Message, StringComparison.Ordinal);
        using var db = App.Database.CreateContext();
        Assert.Equal(2, await db.Retirees.CountAsync(r => r.Id == _world.InUnitA.Id || r.Id == _world.InUnitB.Id));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Merge));
    }

    [Fact]
    public async Task A_unit_officer_cannot_merge_a_record_of_another_unit_and_the_attempt_is_logged()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        var merge = scope.ServiceProvider.GetRequiredService<RetireeMerge>();
        var result = await merge.MergeAsync(new MergeForm
        {
            SurvivorId = _world.InUnitA.Id, SurvivorVersion = _world.InUnitA.Version, OtherId = _world.InUnitB.Id, OtherVersion = _world.InUnitB.Version,
        });

        Assert.True(result.NotFound);
        Assert.Null(await merge.LoadAsync(_world.InUnitA.Id, _world.InUnitB.Id));
        using var db = App.Database.CreateContext();
        Assert.True(await db.Retirees.AnyAsync(r => r.Id == _world.InUnitB.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.AccessDenied && a.RetireeId == _world.InUnitB.Id));
    }

    [Fact]
    public async Task A_group_leader_cannot_merge_at_all()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.GroupLeader]);
        var result = await scope.ServiceProvider.GetRequiredService<RetireeMerge>().MergeAsync(new MergeForm
        {
            SurvivorId = _world.InGroupA.Id, SurvivorVersion = _world.InGroupA.Version, OtherId = _world.InUnitA.Id, OtherVersion = _world.InUnitA.Version,
        });

        Assert.Equal(Intranet.Web.Platform.Forms.CommandOutcome.Refused, result.Outcome);
        using var db = App.Database.CreateContext();
        Assert.True(await db.Retirees.AnyAsync(r => r.Id == _world.InUnitA.Id));
    }

    private static void AssertSet(DuplicateReport report, DuplicateReason[] reasons, params int[] ids)
    {
        var set = report.Sets.SingleOrDefault(s => s.Members.Select(m => m.Id).Order().SequenceEqual(ids.Order()));
        Assert.True(set is not null, $"no set of {string.Join(",", ids)}");
        Assert.Equal(reasons, set.Reasons);
    }
}
