using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Register.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Register;

public sealed class DemoRegisterGeneratorTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    // The default register is generated once; every test reads it and none changes it.
    private static readonly Lazy<DemoRegister> Default = new(() => DemoRegisterGenerator.Generate(new DemoRegisterOptions(), Today));

    [Fact]
    public void Same_options_and_day_give_the_same_register()
    {
        var first = DemoRegisterGenerator.Generate(new DemoRegisterOptions(500, 7), Today);
        var second = DemoRegisterGenerator.Generate(new DemoRegisterOptions(500, 7), Today);

        Assert.Equal(Describe(first), Describe(second));
    }

    [Fact]
    public void A_different_seed_gives_a_different_register()
    {
        var first = DemoRegisterGenerator.Generate(new DemoRegisterOptions(500, 7), Today);
        var second = DemoRegisterGenerator.Generate(new DemoRegisterOptions(500, 8), Today);

        Assert.NotEqual(first.Retirees.Select(r => r.IdNumber), second.Retirees.Select(r => r.IdNumber));
    }

    [Fact]
    public void Default_size_has_Qingyangs_figures()
    {
        var register = Default.Value;

        Assert.Equal(3600, register.Retirees.Count);
        Assert.Equal(141, register.Groups.Count);
        Assert.Equal(24, register.PartyBranches.Count);
        Assert.InRange(register.Units.Count, 55, 65);
        var partyMembers = register.Retirees.Count(r => r.PartyBranch is not null);
        Assert.InRange(partyMembers, 928 * 0.95, 928 * 1.05);
        Assert.Equal("退休第一支部", register.PartyBranches[0].Name);
        Assert.Equal("退休第二十四支部", register.PartyBranches[23].Name);
        Assert.All(register.PartyBranches, b => Assert.False(string.IsNullOrEmpty(b.SecretaryName)));
    }

    [Fact]
    public void Unit_kinds_are_mostly_schools_with_some_kindergartens_adult_schools_and_direct_units()
    {
        var units = Default.Value.Units;

        var kindergartens = units.Count(u => u.Kind == UnitKind.Kindergarten) / (double)units.Count;
        Assert.InRange(kindergartens, 0.10, 0.20);
        Assert.InRange(units.Count(u => u.Kind == UnitKind.AdultSchool), 1, 6);
        Assert.InRange(units.Count(u => u.Kind == UnitKind.DirectUnit), 1, 6);
        Assert.True(units.Count(u => u.Kind == UnitKind.School) > units.Count / 2);
        Assert.Contains(units, u => u.Name == "青羊区教育局机关" && u.Kind == UnitKind.DirectUnit);
        Assert.All(units, u =>
        {
            Assert.False(string.IsNullOrWhiteSpace(u.OfficerName));
            Assert.False(string.IsNullOrWhiteSpace(u.OfficerPhone));
        });
        Assert.Equal(units.Count, units.Select(u => u.SortOrder).Distinct().Count());
    }

    [Fact]
    public void Every_id_number_is_valid_unique_and_agrees_with_birth_date_and_gender()
    {
        var retirees = Default.Value.Retirees;

        Assert.All(retirees, r =>
        {
            Assert.True(ResidentIdNumber.TryParse(r.IdNumber, out var id, out var error), error);
            Assert.Equal(r.IdNumber, id.Value.Value);
            Assert.Equal(r.BirthDate, id.Value.BirthDate);
            Assert.Equal(r.Gender, id.Value.Gender);
        });
        Assert.Equal(retirees.Count, retirees.Select(r => r.IdNumber).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(2026, 11, 22)]
    [InlineData(2028, 2, 29)]
    [InlineData(2019, 12, 18)]
    [InlineData(2035, 1, 1)]
    public void Ages_and_retirement_dates_are_plausible_on_the_day(int year, int month, int day)
    {
        var today = new DateOnly(year, month, day);
        var register = DemoRegisterGenerator.Generate(new DemoRegisterOptions(1500), today);

        Assert.All(register.Retirees, r =>
        {
            Assert.InRange(r.AgeOn(today), r.Gender == Gender.Male ? 60 : 55, 100);
            Assert.NotNull(r.RetirementDate);
            Assert.True(r.RetirementDate <= today, $"{r.Name} retires in the future");
            Assert.InRange(r.RetirementDate.Value.DayNumber - r.BirthDate.DayNumber, 365 * 50, 365 * 64);
        });
        var ages = register.Retirees.Select(r => r.AgeOn(today)).ToList();
        var sixtyToEighty = ages.Count(a => a is >= 60 and < 80) / (double)ages.Count;
        Assert.InRange(sixtyToEighty, 0.55, 0.8);
        Assert.Contains(ages, a => a >= 90);
    }

    [Fact]
    public void Most_retirees_are_women_as_in_teaching()
    {
        var retirees = Default.Value.Retirees;

        var women = retirees.Count(r => r.Gender == Gender.Female) / (double)retirees.Count;
        Assert.InRange(women, 0.60, 0.70);
        var lunar = retirees.Count(r => r.BirthdayIsLunar) / (double)retirees.Count;
        Assert.InRange(lunar, 0.015, 0.05);
        Assert.InRange(retirees.Count(r => r.IsAssociationMember) / (double)retirees.Count, 0.8, 0.9);
    }

    [Fact]
    public void Unit_and_group_names_are_unique_and_every_unit_has_a_group()
    {
        var register = Default.Value;

        Assert.Equal(register.Units.Count, register.Units.Select(u => u.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(register.PartyBranches.Count, register.PartyBranches.Select(b => b.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(register.Units, u =>
        {
            Assert.NotEmpty(u.Groups);
            Assert.Equal(u.Groups.Count, u.Groups.Select(g => g.Name).Distinct(StringComparer.Ordinal).Count());
        });
        Assert.All(register.Groups, g => Assert.Contains(g, g.Unit!.Groups));
        Assert.Contains(register.Groups, g => g.Name == "第1小组");
    }

    [Fact]
    public void Every_group_leader_is_a_living_member_of_the_group_and_its_unit()
    {
        var register = Default.Value;

        Assert.All(register.Groups, g =>
        {
            Assert.NotNull(g.Leader);
            Assert.False(g.Leader.IsDeceased);
            Assert.Same(g.Unit, g.Leader.Unit);
            Assert.Same(g, g.Leader.Group);
        });
        Assert.All(register.Retirees, r => Assert.True(r.Group is null || ReferenceEquals(r.Group.Unit, r.Unit)));
        var grouped = register.Retirees.Count(r => r.Group is not null) / (double)register.Retirees.Count;
        Assert.InRange(grouped, 0.92, 0.98);
    }

    [Fact]
    public void The_deceased_died_after_retiring_within_the_last_three_years_and_lead_nothing()
    {
        var register = Default.Value;
        var deceased = register.Retirees.Where(r => r.IsDeceased).ToList();

        Assert.InRange(deceased.Count / (double)register.Retirees.Count, 0.01, 0.03);
        Assert.All(deceased, r =>
        {
            Assert.NotNull(r.DeathDate);
            Assert.InRange(r.DeathDate.Value, Today.AddYears(-3), Today);
            Assert.True(r.DeathDate >= r.RetirementDate);
            Assert.Null(r.PartyBranch);
        });
        Assert.All(register.Retirees.Where(r => !r.IsDeceased), r => Assert.Null(r.DeathDate));
        Assert.DoesNotContain(register.Groups, g => g.Leader!.IsDeceased);
    }

    [Fact]
    public void Family_health_and_care_categories_hang_together()
    {
        var retirees = Default.Value.Retirees;

        Assert.All(retirees, r =>
        {
            Assert.Equal(r.LivingSituation == LivingSituation.Alone, r.CareCategories.HasFlag(CareCategories.LivingAlone));
            Assert.Equal(r.SpouseName is null, r.MarriageDate is null);
            if (r.CareCategories.HasFlag(CareCategories.Disabled))
            {
                Assert.True(r.HealthStatus >= HealthStatus.Poor);
            }

            if (r.CareCategories.HasFlag(CareCategories.Solitary))
            {
                Assert.Null(r.SpouseName);
            }

            if (r.CareCategories.HasFlag(CareCategories.SeriouslyIll))
            {
                Assert.False(string.IsNullOrEmpty(r.HealthNotes));
            }

            if (r.MarriageDate is { } married)
            {
                var ageAtMarriage = married.Year - r.BirthDate.Year;
                Assert.InRange(ageAtMarriage, 21, 31);
            }

            Assert.False(r.CareCategories.HasFlag(CareCategories.Hardship) && r.CareCategories.HasFlag(CareCategories.ExtremeHardship));
        });

        double Share(Func<Retiree, bool> predicate) => retirees.Count(predicate) / (double)retirees.Count;
        Assert.InRange(Share(r => r.SpouseName is not null), 0.72, 0.88);
        Assert.InRange(Share(r => r.CareCategories.HasFlag(CareCategories.LivingAlone)), 0.05, 0.11);
        Assert.InRange(Share(r => r.CareCategories.HasFlag(CareCategories.EmptyNest)), 0.15, 0.25);
        Assert.InRange(Share(r => r.CareCategories.HasFlag(CareCategories.Disabled)), 0.015, 0.045);
        Assert.InRange(Share(r => r.CareCategories.HasFlag(CareCategories.SeriouslyIll)), 0.03, 0.07);
        Assert.InRange(Share(r => r.CareCategories.HasFlag(CareCategories.Hardship)), 0.015, 0.045);
        Assert.InRange(Share(r => r.EmergencyContactName is not null), 0.85, 0.98);

        // Widowhood and disability come with age.
        var oldest = retirees.Where(r => r.AgeOn(Today) >= 85).ToList();
        var youngest = retirees.Where(r => r.AgeOn(Today) < 70).ToList();
        Assert.True(oldest.Count(r => r.SpouseName is null) / (double)oldest.Count > 2 * youngest.Count(r => r.SpouseName is null) / (double)youngest.Count);
        Assert.True(retirees.Count(r => r.CareCategories.HasFlag(CareCategories.Disabled) && r.AgeOn(Today) >= 80)
            > retirees.Count(r => r.CareCategories.HasFlag(CareCategories.Disabled) && r.AgeOn(Today) < 80));

        // Golden weddings (50 years) fall in the coming year for some couples.
        Assert.Contains(retirees, r => !r.IsDeceased && r.MarriageDate is { } m && m.AddYears(50) > Today && m.AddYears(50) <= Today.AddYears(1));
    }

    [Fact]
    public void Contact_details_look_like_Chengdu()
    {
        var retirees = Default.Value.Retirees;

        Assert.All(retirees.Where(r => r.Phone is not null), r =>
            Assert.Matches(@"^(1[358]\d{9}|028-8\d{7})$", r.Phone!));
        Assert.Contains(retirees, r => r.Phone?.StartsWith("028-", StringComparison.Ordinal) == true);
        Assert.All(retirees, r =>
        {
            Assert.EndsWith("街道", r.Subdistrict, StringComparison.Ordinal);
            Assert.EndsWith("社区", r.Community, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(r.Address));
            Assert.InRange(r.Name.Length, 2, 4);
        });
        Assert.True(retirees.Count(r => r.Address!.StartsWith("青羊区", StringComparison.Ordinal)) > retirees.Count * 0.8);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(60)]
    [InlineData(30_000)]
    public void Other_sizes_keep_the_rules(int count)
    {
        var register = DemoRegisterGenerator.Generate(new DemoRegisterOptions(count), Today);

        Assert.Equal(count, register.Retirees.Count);
        Assert.Equal(count, register.Retirees.Select(r => r.IdNumber).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(register.Units.Count, register.Units.Select(u => u.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.InRange(register.Units.Count, 1, 2000);
        Assert.All(register.Units, u => Assert.NotEmpty(u.Groups));
        Assert.All(register.Groups, g => Assert.True(g.Leader is { IsDeceased: false } && ReferenceEquals(g.Leader.Group, g)));
        Assert.NotEmpty(register.PartyBranches);

        // Scaled from 141 groups, 24 branches and 928 party members per 3,600.
        var scale = count / 3600.0;
        if (count >= 3600)
        {
            Assert.InRange(register.Groups.Count, 141 * scale * 0.95, 141 * scale * 1.05);
            Assert.InRange(register.PartyBranches.Count, 24 * scale * 0.95, 24 * scale * 1.05);
            Assert.InRange(register.Retirees.Count(r => r.PartyBranch is not null), 928 * scale * 0.95, 928 * scale * 1.05);
        }
    }

    [Fact]
    public void Rejects_sizes_it_cannot_make()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoRegisterGenerator.Generate(new DemoRegisterOptions(0), Today));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            DemoRegisterGenerator.Generate(new DemoRegisterOptions(DemoRegisterGenerator.MaxRetireeCount + 1), Today));
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(24, "二十四")]
    [InlineData(100, "一百")]
    [InlineData(105, "一百零五")]
    [InlineData(110, "一百一十")]
    [InlineData(667, "六百六十七")]
    [InlineData(1010, "一千零一十")]
    [InlineData(2001, "二千零一")]
    public void Branch_numbers_are_written_in_Chinese(int value, string expected) =>
        Assert.Equal(expected, ChineseNumerals.Format(value));

    [Fact]
    public async Task Seeding_a_migrated_database_stores_the_whole_register()
    {
        var options = new DemoRegisterOptions(2500, 42);
        var expected = DemoRegisterGenerator.Generate(options, Today);
        var path = Path.Combine(Path.GetTempPath(), $"intranet-demo-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = CreateContext(path))
            {
                await db.Database.MigrateAsync();
                db.AuditTrailEnabled = false; // as start-up seeds
                await DemoRegisterGenerator.SeedAsync(db, options, Today);
            }

            await using (var db = CreateContext(path))
            {
                Assert.Equal(expected.Units.Count, await db.Units.CountAsync());
                Assert.Equal(expected.PartyBranches.Count, await db.PartyBranches.CountAsync());
                Assert.Equal(expected.Groups.Count, await db.RetireeGroups.CountAsync());
                Assert.Equal(expected.Retirees.Count, await db.Retirees.CountAsync());
                Assert.Equal(expected.Retirees.Count(r => r.Group is not null), await db.Retirees.CountAsync(r => r.GroupId != null));
                Assert.Equal(expected.Retirees.Count(r => r.PartyBranch is not null), await db.Retirees.CountAsync(r => r.PartyBranchId != null));

                var leaders = await db.RetireeGroups
                    .Select(g => new { g.Id, g.UnitId, Leader = g.Leader })
                    .ToListAsync();
                Assert.All(leaders, g =>
                {
                    Assert.NotNull(g.Leader);
                    Assert.False(g.Leader.IsDeceased);
                    Assert.Equal(g.Id, g.Leader.GroupId);
                    Assert.Equal(g.UnitId, g.Leader.UnitId);
                });

                // Same data as generated in memory, Chinese text and dates included.
                var stored = await db.Retirees.OrderBy(r => r.Id).Select(r => new { r.Name, r.IdNumber, r.BirthDate, r.Address }).ToListAsync();
                Assert.Equal(
                    expected.Retirees.Select(r => (r.Name, r.IdNumber, r.BirthDate, r.Address)),
                    stored.Select(r => (r.Name, r.IdNumber, r.BirthDate, r.Address)));

                // Inserted with change detection off, yet the save still derived every name's pinyin keys.
                var keys = await db.Retirees.Select(r => new { r.Name, r.NamePinyin, r.NameInitials, r.NamePinyinCompact }).ToListAsync();
                Assert.All(keys, r =>
                {
                    Assert.NotEqual(string.Empty, r.NamePinyin);
                    Assert.Equal(Retiree.NameKeys(r.Name), new Domain.Register.Pinyin.PinyinKeys(r.NamePinyin, r.NameInitials, r.NamePinyinCompact));
                });

                var firstUnit = await db.Units.OrderBy(u => u.SortOrder).FirstAsync();
                Assert.Equal(expected.Units[0].Name, firstUnit.Name);

                await Assert.ThrowsAsync<InvalidOperationException>(() => DemoRegisterGenerator.SeedAsync(db, options, Today));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    // With the app's interceptor, which derives the pinyin keys on save.
    private static IntranetDbContext CreateContext(string path) =>
        new(new DbContextOptionsBuilder<IntranetDbContext>().UseSqlite("Data Source=" + path)
            .AddInterceptors(new AuditableEntityInterceptor(new Domain.Common.SystemUser(), TimeProvider.System)).Options);

    private static List<string> Describe(DemoRegister register) =>
    [
        .. register.Units.Select(u => $"{u.SortOrder} {u.Name} {u.Kind} {u.OfficerName} {u.OfficerPhone}"),
        .. register.PartyBranches.Select(b => $"{b.Name} {b.SecretaryName}"),
        .. register.Groups.Select(g => $"{g.Unit!.Name} {g.Name} {g.Leader!.IdNumber}"),
        .. register.Retirees.Select(r =>
            $"{r.Name} {r.IdNumber} {r.Phone} {r.Address} {r.Group?.Name} {r.PartyBranch?.Name} {r.SpouseName} {r.MarriageDate} {r.CareCategories} {r.DeathDate}"),
    ];
}
