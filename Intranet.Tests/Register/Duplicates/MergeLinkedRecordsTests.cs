using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.University;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Register.Duplicates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Register.Duplicates;

#pragma warning disable EF1002 // Table and column names come from the model; values are parameters.

/// <summary>Merges over the demo office, which has every kind of record about people: visits, cases, classes, clubs, …</summary>
public sealed class MergeLinkedRecordsTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new(demoRetirees: 300);
    private TestAccount _staff = default!;

    public async Task InitializeAsync() => _staff = await App.CreateAccountAsync(UserRole.DistrictStaff);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Every_record_that_points_at_the_merged_away_person_moves_to_the_survivor_with_its_history_line()
    {
        Retiree survivor, other;
        var moved = new List<(string Table, string Column, int Row)>();
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            var unit = await db.Units.OrderBy(u => u.Id).FirstAsync();
            survivor = make.Retiree(unit, "合并保留者");
            other = make.Retiree(unit, "合并被并者");

            // The demo makes no pairings and raises no reminders; one of each is made here so that every kind is there.
            var someone = await db.Retirees.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
            db.Add(new Intranet.Domain.Welfare.Pairing { RetireeId = someone, Volunteer = "李青", Kind = Intranet.Domain.Welfare.VolunteerKind.YoungTeacher, StartsOn = RegisterBuilder.Today });
            db.Add(new Intranet.Domain.Reminders.Reminder
            {
                Kind = Intranet.Domain.Reminders.ReminderKind.CaseFollowUp, SubjectId = 1, RetireeId = someone, OccasionOn = RegisterBuilder.Today, DueOn = RegisterBuilder.Today, Detail = "个案回访",
            });
            await db.SaveChangesAsync();

            // One record of every kind the model links to a retiree, taken from the demo office and given to the other.
            foreach (var foreignKey in RetireeMerge.ReferencesToRetiree(db.Model))
            {
                var (table, column) = Where(foreignKey);
                var row = await db.Database.SqlQueryRaw<int>($"SELECT Id AS Value FROM \"{table}\" WHERE \"{column}\" IS NOT NULL ORDER BY Id LIMIT 1").ToListAsync();
                Assert.True(row.Count == 1, $"the demo office has no {foreignKey.DeclaringEntityType.ClrType.Name}");
                await db.Database.ExecuteSqlRawAsync($"UPDATE \"{table}\" SET \"{column}\" = {{0}} WHERE Id = {{1}}", other.Id, row[0]);
                moved.Add((table, column, row[0]));
            }
        }

        Assert.True(moved.Count >= 14, $"only {moved.Count} kinds of linked record");
        await using (var scope = await App.ScopeForAsync(_staff))
        {
            var result = await scope.ServiceProvider.GetRequiredService<RetireeMerge>().MergeAsync(new MergeForm
            {
                SurvivorId = survivor.Id, SurvivorVersion = survivor.Version, OtherId = other.Id, OtherVersion = other.Version,
            });
            Assert.True(result.Succeeded, string.Join(" ", result.Errors));
            Assert.Equal(moved.Count, result.Value!.MovedRecords);
            Assert.Empty(result.Value.Dropped);
        }

        using (var db = App.Database.CreateContext())
        {
            foreach (var (table, column, row) in moved)
            {
                var now = await db.Database.SqlQueryRaw<int>($"SELECT \"{column}\" AS Value FROM \"{table}\" WHERE Id = {{0}}", row).SingleAsync();
                Assert.True(now == survivor.Id, $"{table}.{column} of row {row} is {now}");
            }

            foreach (var foreignKey in RetireeMerge.ReferencesToRetiree(db.Model))
            {
                var (table, column) = Where(foreignKey);
                Assert.Equal(0, await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS Value FROM \"{table}\" WHERE \"{column}\" = {{0}}", other.Id).SingleAsync());
            }

            Assert.False(await db.Retirees.AnyAsync(r => r.Id == other.Id));

            // Each record about a person that moved says so in the survivor's history (a group's leader is the group's).
            var lines = await db.AuditEntries.Where(a => a.RetireeId == survivor.Id && a.Action == AuditAction.Update).ToListAsync();
            var aboutPeople = moved.Count(m => m.Column == "RetireeId");
            Assert.Equal(aboutPeople, lines.Count(l => AuditTrail.Deserialize(l.Changes).Any(c => c.Field == "RetireeId" && c.New == survivor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
    }

    [Fact]
    public async Task Both_in_the_same_class_keeps_the_survivors_place_and_drops_the_others_when_nothing_hangs_on_it()
    {
        var (survivor, other, kept, duplicate) = await BothInOneClassAsync(withAttendance: false);
        await using var scope = await App.ScopeForAsync(_staff);
        var result = await scope.ServiceProvider.GetRequiredService<RetireeMerge>().MergeAsync(new MergeForm
        {
            SurvivorId = survivor.Id, SurvivorVersion = survivor.Version, OtherId = other.Id, OtherVersion = other.Version,
        });

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Contains(result.Value!.Dropped, d => d.Contains("“报名”", StringComparison.Ordinal) && d.Contains("保留了保留者的一条", StringComparison.Ordinal));
        using var db = App.Database.CreateContext();
        Assert.True(await db.Set<Enrolment>().AnyAsync(e => e.Id == kept && e.RetireeId == survivor.Id));
        Assert.False(await db.Set<Enrolment>().AnyAsync(e => e.Id == duplicate));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Enrolment) && a.EntityId == duplicate.ToString() && a.Action == AuditAction.Delete));
    }

    [Fact]
    public async Task Both_in_the_same_class_with_attendance_on_the_others_place_is_refused_in_chinese_and_nothing_changes()
    {
        var (survivor, other, _, duplicate) = await BothInOneClassAsync(withAttendance: true);
        await using var scope = await App.ScopeForAsync(_staff);
        var result = await scope.ServiceProvider.GetRequiredService<RetireeMerge>().MergeAsync(new MergeForm
        {
            SurvivorId = survivor.Id, SurvivorVersion = survivor.Version, OtherId = other.Id, OtherVersion = other.Version,
        });

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("两人都有“报名”", result.Message, StringComparison.Ordinal);
        Assert.Contains("考勤", result.Message, StringComparison.Ordinal);
        using var db = App.Database.CreateContext();
        Assert.True(await db.Retirees.AnyAsync(r => r.Id == other.Id));
        Assert.True(await db.Set<Enrolment>().AnyAsync(e => e.Id == duplicate && e.RetireeId == other.Id));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Merge));
    }

    private async Task<(Retiree Survivor, Retiree Other, int Kept, int Duplicate)> BothInOneClassAsync(bool withAttendance)
    {
        using var db = App.Database.CreateContext();
        var place = await db.Set<Enrolment>().Where(e => e.RetireeId != null).OrderBy(e => e.Id).FirstAsync();
        var survivor = await db.Retirees.AsNoTracking().SingleAsync(r => r.Id == place.RetireeId);
        var other = new RegisterBuilder(db).Retiree(await db.Units.SingleAsync(u => u.Id == survivor.UnitId), survivor.Name);
        var duplicate = new Enrolment { ClassId = place.ClassId, RetireeId = other.Id, Status = EnrolmentStatus.Waiting, AppliedAt = DateTime.UtcNow };
        db.Add(duplicate);
        await db.SaveChangesAsync();
        if (withAttendance)
        {
            var session = await db.Set<ClassSession>().Where(s => s.ClassId == place.ClassId).OrderBy(s => s.Id).FirstAsync();
            db.Add(new Attendance { SessionId = session.Id, EnrolmentId = duplicate.Id, RetireeId = other.Id, Mark = AttendanceMark.Present });
            await db.SaveChangesAsync();
        }

        return (survivor, other, place.Id, duplicate.Id);
    }

    private static (string Table, string Column) Where(IForeignKey foreignKey)
    {
        var table = foreignKey.DeclaringEntityType.GetTableName()!;
        var column = foreignKey.Properties.Single().GetColumnName(StoreObjectIdentifier.Table(table, null))!;
        return (table, column);
    }
}
