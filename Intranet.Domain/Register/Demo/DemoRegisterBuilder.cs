using System.Globalization;
using Bogus;
using Intranet.Domain.Common;

namespace Intranet.Domain.Register.Demo;

/// <summary>
/// One run of the generator. It owns its random source, so builders never disturb each other and the output
/// depends only on the options and the day.
/// </summary>
internal sealed class DemoRegisterBuilder
{
    // Qingyang's figures for 2019: 3,600 retirees in 141 groups; 928 party members in 24 branches.
    private const double ReferenceRetirees = 3600;
    private const double ReferenceGroups = 141;
    private const double ReferenceBranches = 24;
    private const double ReferencePartyMembers = 928;
    private const int RetireesPerUnit = 60;
    private const int MinUnits = 10;
    private const int MaxUnits = 2000;
    private const double GroupedShare = 0.95;

    private static readonly WeightedTable<int> WomenAges = AgeTable(55);
    private static readonly WeightedTable<int> MenAges = AgeTable(60);

    private static readonly WeightedTable<HealthStatus> HealthUnder70 = HealthTable(60, 35.6, 4, 0.4);
    private static readonly WeightedTable<HealthStatus> HealthIn70s = HealthTable(40, 43.5, 15, 1.5);
    private static readonly WeightedTable<HealthStatus> HealthIn80s = HealthTable(20, 46, 27, 7);
    private static readonly WeightedTable<HealthStatus> HealthOver90 = HealthTable(8, 37, 35, 20);

    // New Year's Day, Labour Day and National Day all fall on the first of their month.
    private static readonly int[] HolidayMonths = [1, 5, 10];

    private static readonly string[] RareNotes =
        ["老教师艺术团成员", "长期参加老年大学书画班", "曾获省级优秀教师称号", "曾获全国优秀教师称号", "社区志愿者", "参加结对帮扶"];

    private readonly int _count;
    private readonly DateOnly _today;
    private readonly Randomizer _random;
    private readonly DateTime _createdAt;
    private readonly HashSet<string> _idNumbers = new(StringComparer.Ordinal);

    public DemoRegisterBuilder(DemoRegisterOptions options, DateOnly today)
    {
        _count = options.RetireeCount;
        _today = today;
        _random = new Randomizer(options.Seed);

        // Stands in for the audit stamp when no interceptor is configured; the interceptor overwrites it.
        _createdAt = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    private enum MaritalStatus
    {
        Married,
        Widowed,
        Divorced,
        NeverMarried,
    }

    public DemoRegister Build()
    {
        var units = CreateUnits();
        var sizes = Apportion(units.Select(u => u.Weight).ToArray(), _count, Math.Min(5, _count / units.Count));
        var people = new List<RetireeDraft>[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            people[i] = new List<RetireeDraft>(sizes[i]);
            for (var j = 0; j < sizes[i]; j++)
            {
                people[i].Add(CreateRetiree(units[i]));
            }

            // A unit with nobody alive could have no group leader.
            if (people[i].Count > 0 && people[i].TrueForAll(d => d.Retiree.IsDeceased))
            {
                people[i][0].Retiree.IsDeceased = false;
                people[i][0].Retiree.DeathDate = null;
            }
        }

        var groups = CreateGroups(units, people);
        var branches = CreateBranches(people);
        return new DemoRegister
        {
            Units = units.Select(u => u.Unit).ToArray(),
            PartyBranches = branches,
            Groups = groups,
            Retirees = people.SelectMany(p => p).Select(d => d.Retiree).ToArray(),
        };
    }

    private List<UnitDraft> CreateUnits()
    {
        var count = Math.Min(Math.Clamp(_count / RetireesPerUnit, MinUnits, MaxUnits), Math.Max(1, _count / 5));

        // The district's mix: mostly schools, about 15% kindergartens, a few adult schools and directly run units.
        var direct = Round(count * 0.06, atLeastOneFrom: 4, count);
        var adult = Round(count * 0.05, atLeastOneFrom: 8, count);
        var kindergartens = Round(count * 0.15, atLeastOneFrom: 2, count);
        var schools = count - direct - adult - kindergartens;
        var research = Round(direct * 0.3, atLeastOneFrom: int.MaxValue, count);
        var secondary = Round(schools * 14 / 44.0, atLeastOneFrom: int.MaxValue, count);
        var quotas = new (UnitProfile Profile, int Count)[]
        {
            (UnitProfile.Office, direct - research),
            (UnitProfile.Research, research),
            (UnitProfile.Secondary, secondary),
            (UnitProfile.Primary, schools - secondary),
            (UnitProfile.Adult, adult),
            (UnitProfile.Kindergarten, kindergartens),
        };

        var taken = DemoPlaces.KnownUnits.Values.SelectMany(t => t).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var units = new List<UnitDraft>(count);
        foreach (var (profile, quota) in quotas)
        {
            var known = DemoPlaces.KnownUnits[profile];
            for (var i = 0; i < quota; i++)
            {
                var (name, size) = i < known.Length
                    ? (known[i].Name, known[i].Size * (0.8 + 0.4 * _random.Double()))
                    : (DemoPlaces.ComposeUnitName(_random, profile, taken), 0.5 + _random.Double());
                var officerGender = _random.Double() < 0.8 ? Gender.Female : Gender.Male;
                var unit = new Unit
                {
                    Name = name,
                    Kind = DemoPlaces.KindOf(profile),
                    SortOrder = (units.Count + 1) * 10,
                    OfficerName = ChineseNames.Younger(_random, officerGender),
                    OfficerPhone = _random.Double() < 0.6 ? DemoPlaces.Landline(_random) : DemoPlaces.Mobile(_random),
                    IsActive = true,
                };
                Stamp(unit);
                units.Add(new UnitDraft(unit, profile, size * ProfileWeight(profile)));
            }
        }

        return units;
    }

    private RetireeDraft CreateRetiree(UnitDraft unit)
    {
        var r = _random;
        var gender = r.Double() < FemaleShare(unit.Profile) ? Gender.Female : Gender.Male;
        var post = DemoCareers.PickPost(r, unit.Profile, gender);

        // Women on worker grades (保育员, 后勤) retired at 50, women cadres and teachers at 55, men at 60.
        var retirementAge = gender == Gender.Male ? 60 : post.Kind == PostKind.Worker && r.Double() < 0.7 ? 50 : 55;
        var (birth, retirement) = DrawLifeDates(gender, retirementAge);
        var surname = ChineseNames.Surname(r);
        var retiree = new Retiree
        {
            Name = ChineseNames.Older(r, gender, surname),
            Gender = gender,
            IdNumber = NewIdNumber(birth, gender),
            BirthDate = birth,
            Unit = unit.Unit,
            RetirementDate = retirement,
            FormerPost = post.Name,
            Title = DemoCareers.PickTitle(r, unit.Profile, post, retirement.Year),
        };
        var age = retiree.AgeOn(_today);

        var (marital, hasChildren, lostOnlyChild) = DrawFamily(age, gender);
        var married = marital == MaritalStatus.Married;
        string? spouseSurname = null;
        if (married)
        {
            var spouseGender = gender == Gender.Male ? Gender.Female : Gender.Male;
            spouseSurname = ChineseNames.Surname(r);
            do
            {
                retiree.SpouseName = ChineseNames.Older(r, spouseGender, spouseSurname);
            }
            while (retiree.SpouseName == retiree.Name);
            retiree.MarriageDate = DrawMarriageDate(birth, gender);
        }

        var health = (age < 70 ? HealthUnder70 : age < 80 ? HealthIn70s : age < 90 ? HealthIn80s : HealthOver90).Pick(r);
        var living = DrawLiving(age, married, hasChildren, health);
        var care = DrawCare(age, health, living, married, hasChildren, lostOnlyChild);
        var subdistrict = DemoPlaces.Subdistricts.Pick(r);

        retiree.BirthdayIsLunar = r.Double() < (age >= 80 ? 0.06 : 0.025);
        retiree.Phone = DrawPhone(age);
        retiree.Address = DemoPlaces.Address(r, subdistrict);
        retiree.Subdistrict = subdistrict.Name;
        retiree.Community = r.ArrayElement(subdistrict.Communities);
        retiree.IsAssociationMember = r.Double() < 0.85;
        retiree.HealthStatus = health;
        retiree.LivingSituation = living;
        retiree.HealthNotes = DrawHealthNotes(health, care);
        retiree.CareCategories = care;
        retiree.DeathDate = DrawDeathDate(age, retirement);
        retiree.IsDeceased = retiree.DeathDate is not null;
        SetEmergencyContact(retiree, surname, spouseSurname, hasChildren);
        retiree.Notes = DrawNotes(marital, care);
        Stamp(retiree);

        var partyWeight = post.Kind switch
        {
            PostKind.Leader => 8,
            PostKind.Cadre => 2.5,
            PostKind.Researcher => 2,
            PostKind.Teacher => post.Name is "教研组长" or "年级组长" ? 1.5 : 1,
            PostKind.Accountant => 0.8,
            PostKind.Medical => 0.7,
            PostKind.Librarian => 0.6,
            _ => 0.35,
        } * (gender == Gender.Male ? 1.7 : 1) * (age >= 75 ? 1.15 : 1);

        return new RetireeDraft(retiree, post, r.Double() < GroupedShare, r.Double(), partyWeight);
    }

    private (MaritalStatus Marital, bool HasChildren, bool LostOnlyChild) DrawFamily(int age, Gender gender)
    {
        // Women outlive their husbands, and widowhood climbs steeply with age.
        var widowedShare = (age < 65 ? 0.04 : age < 75 ? 0.09 : age < 85 ? 0.22 : 0.45) * (gender == Gender.Female ? 1.3 : 0.6);
        var roll = _random.Double();
        var marital = roll < 0.006 ? MaritalStatus.NeverMarried
            : roll < 0.036 ? MaritalStatus.Divorced
            : roll < 0.036 + widowedShare ? MaritalStatus.Widowed
            : MaritalStatus.Married;
        var hasChildren = marital != MaritalStatus.NeverMarried && _random.Double() >= 0.03;
        var lostOnlyChild = hasChildren && _random.Double() < 0.005;
        return (marital, hasChildren && !lostOnlyChild, lostOnlyChild);
    }

    private CareCategories DrawCare(int age, HealthStatus health, LivingSituation living, bool married, bool hasChildren, bool lostOnlyChild)
    {
        var r = _random;
        var care = CareCategories.None;
        if (living == LivingSituation.Alone)
        {
            care |= CareCategories.LivingAlone;
        }

        if (!married && !hasChildren)
        {
            care |= CareCategories.Solitary;
        }

        if (lostOnlyChild)
        {
            care |= CareCategories.LostOnlyChild;
        }

        // Empty nest: children live elsewhere, whether the retiree lives with a spouse or alone.
        if (hasChildren && (living == LivingSituation.WithSpouse ? r.Double() < 0.27 : living == LivingSituation.Alone && r.Double() < 0.3))
        {
            care |= CareCategories.EmptyNest;
        }

        var disabledShare = health switch
        {
            HealthStatus.Bedridden => 0.75,
            HealthStatus.Poor => age >= 80 ? 0.25 : 0.04,
            _ => 0,
        };
        if (r.Double() < disabledShare)
        {
            care |= CareCategories.Disabled;
        }

        var illShare = health switch
        {
            HealthStatus.Bedridden => 0.4,
            HealthStatus.Poor => 0.35,
            HealthStatus.Fair => 0.01,
            _ => 0,
        };
        if (r.Double() < illShare)
        {
            care |= CareCategories.SeriouslyIll;
        }

        // Hardship follows illness and having no family; the extreme level (特困) replaces the ordinary one.
        var ill = (care & CareCategories.SeriouslyIll) != 0;
        var alone = (care & (CareCategories.Solitary | CareCategories.LostOnlyChild)) != 0;
        var disabled = (care & CareCategories.Disabled) != 0;
        var extremeShare = 0.0055 + (ill ? 0.03 : 0) + (alone ? 0.1 : 0);
        var hardshipShare = 0.022 + (ill ? 0.1 : 0) + (alone ? 0.15 : 0) + (disabled ? 0.05 : 0);
        var roll = r.Double();
        if (roll < extremeShare)
        {
            care |= CareCategories.ExtremeHardship;
        }
        else if (roll < extremeShare + hardshipShare)
        {
            care |= CareCategories.Hardship;
        }

        return care;
    }

    private string? DrawHealthNotes(HealthStatus health, CareCategories care)
    {
        if ((care & CareCategories.SeriouslyIll) != 0)
        {
            return _random.ArrayElement(DemoCareers.SeriousNotes);
        }

        var chronicShare = health switch
        {
            HealthStatus.Bedridden => -1,
            HealthStatus.Poor => 1,
            HealthStatus.Fair => 0.35,
            _ => 0.05,
        };
        return chronicShare < 0 ? _random.ArrayElement(DemoCareers.BedriddenNotes)
            : _random.Double() < chronicShare ? _random.ArrayElement(DemoCareers.ChronicNotes)
            : null;
    }

    private DateOnly? DrawDeathDate(int age, DateOnly retirement)
    {
        var deathShare = age < 70 ? 0.006 : age < 80 ? 0.02 : age < 90 ? 0.06 : 0.14;
        if (_random.Double() >= deathShare)
        {
            return null;
        }

        // Within the last three years, and never before the retirement that put them on the register.
        var earliest = Math.Max(_today.AddYears(-3).AddDays(1).DayNumber, retirement.DayNumber);
        return DateOnly.FromDayNumber(_random.Number(earliest, _today.DayNumber));
    }

    private string? DrawPhone(int age)
    {
        // Many of the oldest are reached only on the fixed line at home.
        var landlineShare = age >= 80 ? 0.35 : age >= 70 ? 0.12 : 0.03;
        var roll = _random.Double();
        return roll < 0.01 ? null : roll < 0.01 + landlineShare ? DemoPlaces.Landline(_random) : DemoPlaces.Mobile(_random);
    }

    private (DateOnly Birth, DateOnly Retirement) DrawLifeDates(Gender gender, int retirementAge)
    {
        var ages = gender == Gender.Male ? MenAges : WomenAges;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var birth = BirthDateForAge(ages.Pick(_random));
            var retirement = RetirementDate(birth, retirementAge);

            // Nobody is in the register before their retirement date.
            if (retirement <= _today)
            {
                return (birth, retirement);
            }
        }

        // Only reached when today lies years past the reform's last step; at 70 everyone has retired.
        var fallback = BirthDateForAge(70);
        return (fallback, RetirementDate(fallback, retirementAge));
    }

    private DateOnly BirthDateForAge(int age)
    {
        // Every day in this range makes the person exactly `age` on today, leap days included.
        var earliest = _today.AddYears(-(age + 1)).AddDays(1);
        var latest = _today.AddYears(-age);
        return DateOnly.FromDayNumber(_random.Number(earliest.DayNumber, latest.DayNumber));
    }

    /// <summary>The first of the month after the retirement birthday, as the sheets record it.</summary>
    private static DateOnly RetirementDate(DateOnly birth, int retirementAge)
    {
        var reached = birth.AddYears(retirementAge).AddMonths(ReformDelayMonths(birth, retirementAge));
        return new DateOnly(reached.Year, reached.Month, 1).AddMonths(1);
    }

    /// <summary>
    /// The 2025 reform (国发〔2024〕): one month later for every four months of birth from 1965 (men) or 1970 (women at
    /// 55), capped at three years; for women at 50 one month per two months from 1975, capped at five years.
    /// </summary>
    private static int ReformDelayMonths(DateOnly birth, int retirementAge)
    {
        var (firstYear, monthsPerStep, cap) = retirementAge switch
        {
            60 => (1965, 4, 36),
            55 => (1970, 4, 36),
            _ => (1975, 2, 60),
        };
        var monthsIn = (birth.Year - firstYear) * 12 + birth.Month - 1;
        return monthsIn < 0 ? 0 : Math.Min(cap, monthsIn / monthsPerStep + 1);
    }

    private DateOnly DrawMarriageDate(DateOnly birth, Gender gender)
    {
        var ageAtMarriage = gender == Gender.Female ? _random.Number(22, 28) : _random.Number(24, 30);
        var earliest = birth.AddYears(ageAtMarriage);

        // Weddings cluster on the holidays, which makes golden-wedding anniversaries cluster too.
        if (_random.Double() < 0.3)
        {
            var holiday = new DateOnly(earliest.Year, _random.ArrayElement(HolidayMonths), 1);
            return holiday >= earliest ? holiday : holiday.AddYears(1);
        }

        return earliest.AddDays(_random.Number(0, 364));
    }

    private LivingSituation DrawLiving(int age, bool married, bool hasChildren, HealthStatus health)
    {
        var roll = _random.Double();
        LivingSituation living;
        if (married)
        {
            var careHome = age >= 85 ? 0.04 : 0.005;
            living = roll < careHome ? LivingSituation.CareHome
                : roll < careHome + 0.15 ? LivingSituation.WithChildren
                : roll < careHome + 0.16 ? LivingSituation.Other
                : LivingSituation.WithSpouse;
        }
        else if (!hasChildren)
        {
            var careHome = age >= 80 ? 0.2 : 0.08;
            living = roll < careHome ? LivingSituation.CareHome
                : roll < careHome + 0.75 ? LivingSituation.Alone
                : LivingSituation.Other;
        }
        else
        {
            var careHome = age >= 85 ? 0.12 : 0.03;
            living = roll < careHome ? LivingSituation.CareHome
                : roll < careHome + 0.52 ? LivingSituation.Alone
                : roll < careHome + 0.55 ? LivingSituation.Other
                : LivingSituation.WithChildren;
        }

        // Nobody confined to bed is left to live alone.
        if (living == LivingSituation.Alone && health == HealthStatus.Bedridden)
        {
            living = hasChildren ? LivingSituation.WithChildren : LivingSituation.CareHome;
        }

        return living;
    }

    private void SetEmergencyContact(Retiree retiree, string surname, string? spouseSurname, bool hasChildren)
    {
        if (retiree.CareCategories == CareCategories.None && _random.Double() < 0.08)
        {
            return;
        }

        var married = retiree.SpouseName is not null;
        if (hasChildren && (!married || _random.Double() < 0.82))
        {
            // Children carry their father's surname; a widow's late husband is not on record, so hers is drawn.
            var childGender = _random.Bool() ? Gender.Male : Gender.Female;
            var childSurname = retiree.Gender == Gender.Male ? surname : spouseSurname;
            retiree.EmergencyContactName = ChineseNames.Younger(_random, childGender, childSurname);
            retiree.EmergencyContactRelation = "子女";
        }
        else if (married)
        {
            retiree.EmergencyContactName = retiree.SpouseName;
            retiree.EmergencyContactRelation = "配偶";
        }
        else
        {
            retiree.EmergencyContactName = ChineseNames.Younger(_random, _random.Bool() ? Gender.Male : Gender.Female);
            retiree.EmergencyContactRelation = "亲属";
        }

        retiree.EmergencyContactPhone = DemoPlaces.Mobile(_random);
    }

    private string? DrawNotes(MaritalStatus marital, CareCategories care)
    {
        var roll = _random.Double();
        if (marital == MaritalStatus.Widowed)
        {
            return roll < 0.3 ? "配偶已故" : null;
        }

        if ((care & CareCategories.EmptyNest) != 0)
        {
            return roll < 0.05 ? "子女定居国外" : roll < 0.2 ? "子女在外地工作" : null;
        }

        return roll < 0.02 ? _random.ArrayElement(RareNotes) : null;
    }

    private string NewIdNumber(DateOnly birth, Gender gender)
    {
        // Same area, birth day and gender leave 499 sequence numbers; when they are used up, other areas follow,
        // so the loop ends with a number no one else in the register has.
        var start = _random.Number(0, 498);
        var areas = DemoPlaces.BirthplaceAreaCodes.Items.Prepend(DemoPlaces.BirthplaceAreaCodes.Pick(_random));
        foreach (var area in areas)
        {
            for (var offset = 0; offset < 499; offset++)
            {
                var id = ResidentIdNumber.Create(area, birth, start + offset, gender).Value;
                if (_idNumbers.Add(id))
                {
                    return id;
                }
            }
        }

        throw new InvalidOperationException(
            string.Create(CultureInfo.InvariantCulture, $"No free ID number is left for {birth:yyyy-MM-dd}."));
    }

    private List<RetireeGroup> CreateGroups(List<UnitDraft> units, List<RetireeDraft>[] people)
    {
        var grouped = new List<RetireeDraft>[units.Count];
        var capacity = new int[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            grouped[i] = people[i].Where(d => d.InGroup).ToList();
            if (!grouped[i].Exists(d => !d.Retiree.IsDeceased) && people[i].Find(d => !d.Retiree.IsDeceased) is { } anyone)
            {
                // Every unit gets a group, and every group needs someone alive to lead it.
                anyone.InGroup = true;
                grouped[i].Add(anyone);
            }

            capacity[i] = grouped[i].Count(d => !d.Retiree.IsDeceased);
        }

        // One group per unit, then the rest to the units with most members per group (D'Hondt), so big schools get more.
        var total = Math.Max(units.Count, Round(_count * ReferenceGroups / ReferenceRetirees));
        var counts = new int[units.Count];
        var queue = new PriorityQueue<int, (double Quotient, int Index)>(
            Comparer<(double Quotient, int Index)>.Create((a, b) =>
                a.Quotient != b.Quotient ? b.Quotient.CompareTo(a.Quotient) : a.Index.CompareTo(b.Index)));
        var assigned = 0;
        for (var i = 0; i < units.Count; i++)
        {
            if (capacity[i] == 0)
            {
                continue;
            }

            counts[i] = 1;
            assigned++;
            if (capacity[i] > 1)
            {
                queue.Enqueue(i, (grouped[i].Count / 2.0, i));
            }
        }

        while (assigned < total && queue.TryDequeue(out var i, out _))
        {
            counts[i]++;
            assigned++;
            if (counts[i] < capacity[i])
            {
                queue.Enqueue(i, (grouped[i].Count / (counts[i] + 1.0), i));
            }
        }

        var groups = new List<RetireeGroup>(assigned);
        for (var i = 0; i < units.Count; i++)
        {
            if (counts[i] > 0)
            {
                groups.AddRange(CreateUnitGroups(units[i].Unit, grouped[i], counts[i]));
            }
        }

        return groups;
    }

    private List<RetireeGroup> CreateUnitGroups(Unit unit, List<RetireeDraft> members, int count)
    {
        // Groups gather neighbours (网络小组), so members are split along where they live.
        var ordered = members
            .OrderBy(d => d.Retiree.Subdistrict, StringComparer.Ordinal)
            .ThenBy(d => d.Retiree.Community, StringComparer.Ordinal)
            .ThenBy(d => d.SortKey)
            .ToList();
        var chunks = new List<RetireeDraft>[count];
        var start = 0;
        for (var k = 0; k < count; k++)
        {
            var size = ordered.Count / count + (k < ordered.Count % count ? 1 : 0);
            chunks[k] = ordered.GetRange(start, size);
            start += size;
        }

        // A chunk of only deceased members borrows a living one from the chunk that has most; with at least as many
        // living members as groups, that chunk has two or more.
        foreach (var chunk in chunks)
        {
            if (!chunk.Exists(d => !d.Retiree.IsDeceased))
            {
                var donor = chunks.MaxBy(c => c.Count(d => !d.Retiree.IsDeceased))!;
                var moved = donor.First(d => !d.Retiree.IsDeceased);
                donor.Remove(moved);
                chunk.Add(moved);
            }
        }

        var groups = new List<RetireeGroup>(count);
        for (var k = 0; k < count; k++)
        {
            var group = new RetireeGroup
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"第{k + 1}小组"),
                Unit = unit,
            };
            Stamp(group);
            unit.Groups.Add(group);
            foreach (var member in chunks[k])
            {
                member.Retiree.Group = group;
            }

            var living = chunks[k].FindAll(d => !d.Retiree.IsDeceased);
            var suitable = living.FindAll(d =>
                d.Retiree.AgeOn(_today) is >= 58 and <= 78
                && d.Retiree.HealthStatus <= HealthStatus.Fair
                && (d.Retiree.CareCategories & CareCategories.Disabled) == 0);
            var leader = _random.ListItem(suitable.Count > 0 ? suitable : living).Retiree;
            leader.IsAssociationMember = true;
            group.Leader = leader;
            groups.Add(group);
        }

        return groups;
    }

    private PartyBranch[] CreateBranches(List<RetireeDraft>[] people)
    {
        var living = people.SelectMany(p => p).Where(d => !d.Retiree.IsDeceased).ToList();
        var target = Math.Min(living.Count, Round(_count * ReferencePartyMembers / ReferenceRetirees));

        // Weighted sampling without replacement (Efraimidis–Spirakis) hits the figure exactly while heads of
        // schools and men of that generation stay likelier to be members. The dead have left their branch.
        var keys = living.Select(d => Math.Log(1 - _random.Double()) / d.PartyWeight).ToArray();
        foreach (var index in Enumerable.Range(0, living.Count).OrderByDescending(i => keys[i]).Take(target))
        {
            living[index].IsPartyMember = true;
        }

        // Branches gather whole units; the largest go first to the emptiest branch so branches come out even.
        var branchCount = Math.Max(1, Round(_count * ReferenceBranches / ReferenceRetirees));
        var members = people.Select(p => p.FindAll(d => d.IsPartyMember)).ToArray();
        var buckets = Enumerable.Range(0, branchCount).Select(_ => new List<int>()).ToArray();
        var loads = new int[branchCount];
        var emptiest = new PriorityQueue<int, (int Load, int Index)>(Enumerable.Range(0, branchCount).Select(b => (b, (0, b))));
        foreach (var unitIndex in Enumerable.Range(0, people.Length).Where(i => members[i].Count > 0)
                     .OrderByDescending(i => members[i].Count).ThenBy(i => i))
        {
            var b = emptiest.Dequeue();
            buckets[b].Add(unitIndex);
            loads[b] += members[unitIndex].Count;
            emptiest.Enqueue(b, (loads[b], b));
        }

        // Numbered in the office's unit order: 第一支部 holds the first units on the list.
        var ordered = buckets.OrderBy(bucket => bucket.Count == 0 ? int.MaxValue : bucket.Min()).ToArray();
        var branches = new PartyBranch[branchCount];
        for (var k = 0; k < branchCount; k++)
        {
            var branch = new PartyBranch
            {
                Name = "退休第" + ChineseNumerals.Format(k + 1) + "支部",
                SortOrder = k + 1,
            };
            Stamp(branch);
            var branchMembers = ordered[k].SelectMany(i => members[i]).ToList();
            foreach (var member in branchMembers)
            {
                member.Retiree.PartyBranch = branch;
            }

            branch.SecretaryName = PickSecretary(branchMembers)?.Retiree.Name;
            branches[k] = branch;
        }

        return branches;
    }

    private RetireeDraft? PickSecretary(List<RetireeDraft> members)
    {
        if (members.Count == 0)
        {
            return null;
        }

        var able = members.FindAll(d => d.Retiree.AgeOn(_today) <= 80 && d.Retiree.HealthStatus <= HealthStatus.Fair);
        var formerLeaders = able.FindAll(d => d.Post.Kind == PostKind.Leader);
        return _random.ListItem(formerLeaders.Count > 0 ? formerLeaders : able.Count > 0 ? able : members);
    }

    private void Stamp(AuditableEntity entity)
    {
        entity.CreatedAt = _createdAt;
        entity.CreatedBy = SystemUser.Name;
        entity.Version = 1;
    }

    /// <summary>Splits <paramref name="total"/> by weight (largest remainder), after giving everyone <paramref name="minimum"/>.</summary>
    private static int[] Apportion(double[] weights, int total, int minimum)
    {
        var result = new int[weights.Length];
        Array.Fill(result, minimum);
        var rest = total - minimum * weights.Length;
        var sum = weights.Sum();
        var remainders = new double[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = rest * weights[i] / sum;
            result[i] += (int)Math.Floor(exact);
            remainders[i] = exact - Math.Floor(exact);
        }

        var left = total - result.Sum();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(left))
        {
            result[i]++;
        }

        return result;
    }

    private static WeightedTable<int> AgeTable(int youngest) =>
        new(Enumerable.Range(youngest, 100 - youngest + 1).Select(age => (age, age switch
        {
            < 60 => 6.0,
            < 70 => 7.0,
            < 80 => 5.5,
            < 85 => 3.0,
            < 90 => 1.8,
            < 95 => 0.7,
            _ => 0.15,
        })));

    private static WeightedTable<HealthStatus> HealthTable(double good, double fair, double poor, double bedridden) =>
        new([(HealthStatus.Good, good), (HealthStatus.Fair, fair), (HealthStatus.Poor, poor), (HealthStatus.Bedridden, bedridden)]);

    private static double FemaleShare(UnitProfile profile) => profile switch
    {
        UnitProfile.Kindergarten => 0.97,
        UnitProfile.Primary => 0.72,
        UnitProfile.Secondary => 0.58,
        UnitProfile.Adult or UnitProfile.Research => 0.55,
        _ => 0.5,
    };

    private static double ProfileWeight(UnitProfile profile) => profile switch
    {
        UnitProfile.Secondary => 1.6,
        UnitProfile.Primary => 1.0,
        UnitProfile.Research => 0.9,
        UnitProfile.Office => 0.8,
        UnitProfile.Adult => 0.6,
        _ => 0.3,
    };

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>Rounds a quota, giving at least one once there are <paramref name="atLeastOneFrom"/> units, never more than all.</summary>
    private static int Round(double value, int atLeastOneFrom, int count) =>
        Math.Min(count, Math.Max(count >= atLeastOneFrom ? 1 : 0, Round(value)));

    private sealed record UnitDraft(Unit Unit, UnitProfile Profile, double Weight);

    private sealed class RetireeDraft(Retiree retiree, Post post, bool inGroup, double sortKey, double partyWeight)
    {
        public Retiree Retiree { get; } = retiree;

        public Post Post { get; } = post;

        public bool InGroup { get; set; } = inGroup;

        /// <summary>A fixed random tiebreak, so ordering never depends on anything but the seed.</summary>
        public double SortKey { get; } = sortKey;

        public double PartyWeight { get; } = partyWeight;

        public bool IsPartyMember { get; set; }
    }
}
