using Intranet.Domain.Data;
using Intranet.Domain.Register;

namespace Intranet.Tests.Support;

/// <summary>Makes the few units, groups and retirees a test needs, with valid ID numbers, and saves them.</summary>
public sealed class RegisterBuilder(IntranetDbContext db)
{
    private static int _sequence;

    public static DateOnly Today { get; } = new(2026, 11, 22);

    public Unit Unit(string? name = null, UnitKind kind = UnitKind.School)
    {
        var unit = new Unit { Name = name ?? $"测试学校{Interlocked.Increment(ref _sequence)}", Kind = kind };
        db.Units.Add(unit);
        db.SaveChanges();
        return unit;
    }

    public RetireeGroup Group(Unit unit, string? name = null)
    {
        var group = new RetireeGroup { Name = name ?? $"第{Interlocked.Increment(ref _sequence)}小组", UnitId = unit.Id };
        db.RetireeGroups.Add(group);
        db.SaveChanges();
        return group;
    }

    public PartyBranch Branch(string? name = null)
    {
        var branch = new PartyBranch { Name = name ?? $"退休第{Interlocked.Increment(ref _sequence)}支部" };
        db.PartyBranches.Add(branch);
        db.SaveChanges();
        return branch;
    }

    public Retiree Retiree(Unit unit, string name, int age = 70, Gender gender = Gender.Female, Action<Retiree>? configure = null)
    {
        var birth = Today.AddYears(-age).AddDays(-10);
        var id = ResidentIdNumber.Create("510105", birth, Interlocked.Increment(ref _sequence), gender);
        var retiree = new Retiree
        {
            Name = name,
            Gender = gender,
            IdNumber = id.Value,
            BirthDate = birth,
            UnitId = unit.Id,
            Phone = "13800001234",
        };
        configure?.Invoke(retiree);
        db.Retirees.Add(retiree);
        db.SaveChanges();
        return retiree;
    }

    public IReadOnlyList<Retiree> Retirees(Unit unit, int count, string prefix = "退休教工")
    {
        var list = new List<Retiree>();
        for (var i = 1; i <= count; i++)
        {
            var birth = Today.AddYears(-60 - i % 30).AddDays(-i);
            var gender = i % 3 == 0 ? Gender.Male : Gender.Female;
            list.Add(new Retiree
            {
                Name = $"{prefix}{i:000}",
                Gender = gender,
                IdNumber = ResidentIdNumber.Create("510105", birth, Interlocked.Increment(ref _sequence), gender).Value,
                BirthDate = birth,
                UnitId = unit.Id,
            });
        }

        db.Retirees.AddRange(list);
        db.SaveChanges();
        return list;
    }
}
