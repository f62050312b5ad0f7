using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register.Duplicates;

public enum DuplicateReason
{
    [Display(Name = "身份证号相同")]
    IdNumber = 1,

    [Display(Name = "姓名和出生日期相同")]
    NameAndBirthDate = 2,

    [Display(Name = "姓名和电话相同")]
    NameAndPhone = 3,
}

/// <summary>People who are likely one person, and why.</summary>
public sealed record DuplicateSet(IReadOnlyList<DuplicateReason> Reasons, IReadOnlyList<DuplicateMember> Members);

public sealed record DuplicateMember(
    int Id, string Name, Gender Gender, DateOnly BirthDate, string UnitName, string? GroupName,
    string? MaskedIdNumber, string? MaskedPhone, bool IsDeceased, DateTime CreatedAt);

/// <param name="Truncated">More sets exist than were read (<see cref="DuplicateQueries.MaxSetsPerReason"/> per reason).</param>
public sealed record DuplicateReport(IReadOnlyList<DuplicateSet> Sets, bool Truncated);

/// <summary>
/// Likely duplicates already in the register, within the reader's scope (a unit officer sees their unit's only, and can
/// merge only those). Each test is one GROUP BY in SQL over the scoped register, so the 100,000-person register is read
/// once per test as index entries and never into memory; only the people in a set are then read as rows.
/// </summary>
public sealed class DuplicateQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user)
{
    public const int MaxSetsPerReason = 500;

    public async Task<DuplicateReport> FindAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var people = user.Scope.Apply(db.Retirees.AsNoTracking());
        var found = new List<(DuplicateReason Reason, int[] Ids)>();
        var truncated = false;

        // Each test is one aggregate over the scoped register: a set's lowest and highest id and its size. A pair (nearly
        // every set) is then known without reading a row; a larger set's people are looked up by its key, on an index.
        // (Joining each key back to the register instead costs a scan per key for the computed ID-number key.)

        // The ID number without its check character: a 15-digit number gets its century, so the old and new forms of
        // one number meet, and a lower-case x or a wrong check character no longer tells two records apart.
        // Only a role that may reveal ID numbers learns that two are the same.
        if (user.PersonalData.SeesIdNumber)
        {
#pragma warning disable CA1845 // Translated to SQL substr(); never run in .NET.
            var sets = await people
                .Where(r => r.IdNumber.Length == 15 || r.IdNumber.Length == 18)
                .GroupBy(r => r.IdNumber.Length == 15 ? r.IdNumber.Substring(0, 6) + "19" + r.IdNumber.Substring(6, 9) : r.IdNumber.Substring(0, 17))
                .Where(g => g.Count() > 1)
                .OrderBy(g => g.Key)
                .Select(g => new { g.Key, First = g.Min(r => r.Id), Last = g.Max(r => r.Id), Count = g.Count() })
                .Take(MaxSetsPerReason + 1)
                .ToListAsync(cancellationToken);
#pragma warning restore CA1845
            foreach (var set in Limit(sets))
            {
                var (body, old) = (set.Key, set.Key[..6] + set.Key[8..]);
                var upTo = body + "~";
#pragma warning disable CA1309, CA1310 // Translated to SQL comparisons (a range on the ID number's index); never run in .NET.
                await AddAsync(DuplicateReason.IdNumber, set.First, set.Last, set.Count,
                    () => people.Where(r => (string.Compare(r.IdNumber, body) >= 0 && string.Compare(r.IdNumber, upTo) < 0) || r.IdNumber == old));
#pragma warning restore CA1309, CA1310
            }
        }

        var byBirth = await people
            .GroupBy(r => new { r.Name, r.BirthDate })
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key.Name).ThenBy(g => g.Key.BirthDate)
            .Select(g => new { g.Key.Name, g.Key.BirthDate, First = g.Min(r => r.Id), Last = g.Max(r => r.Id), Count = g.Count() })
            .Take(MaxSetsPerReason + 1)
            .ToListAsync(cancellationToken);
        foreach (var set in Limit(byBirth))
        {
            await AddAsync(DuplicateReason.NameAndBirthDate, set.First, set.Last, set.Count, () => people.Where(r => r.Name == set.Name && r.BirthDate == set.BirthDate));
        }

        // Phones are kept as typed: 138-0000-1234 and 138 0000 1234 are one number.
        if (user.PersonalData.SeesPhone)
        {
            var byPhone = await people
                .Where(r => r.Phone != null && r.Phone != "")
                .GroupBy(r => new { r.Name, Phone = r.Phone!.Replace("-", "").Replace(" ", "") })
                .Where(g => g.Count() > 1)
                .OrderBy(g => g.Key.Name).ThenBy(g => g.Key.Phone)
                .Select(g => new { g.Key.Name, g.Key.Phone, First = g.Min(r => r.Id), Last = g.Max(r => r.Id), Count = g.Count() })
                .Take(MaxSetsPerReason + 1)
                .ToListAsync(cancellationToken);
            foreach (var set in Limit(byPhone))
            {
                await AddAsync(DuplicateReason.NameAndPhone, set.First, set.Last, set.Count,
                    () => people.Where(r => r.Name == set.Name && r.Phone != null && r.Phone.Replace("-", "").Replace(" ", "") == set.Phone));
            }
        }

        var merged = found
            .GroupBy(f => string.Join(",", f.Ids))
            .Select(g => (Reasons: g.Select(f => f.Reason).Distinct().Order().ToList(), g.First().Ids))
            .ToList();
        var ids = merged.SelectMany(s => s.Ids).Distinct().ToList();
        var rules = user.PersonalData;
        var rows = await people
            .Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id, r.Name, r.Gender, r.BirthDate, UnitName = r.Unit!.Name, GroupName = r.Group == null ? null : r.Group.Name,
                IdNumber = rules.SeesIdNumber ? r.IdNumber : null, Phone = rules.SeesPhone ? r.Phone : null, r.IsDeceased, r.CreatedAt,
            })
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        var result = merged
            .Select(s => new DuplicateSet(s.Reasons, s.Ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new DuplicateMember(
                r.Id, r.Name, r.Gender, r.BirthDate, r.UnitName, r.GroupName, rules.IdNumber(r.IdNumber), rules.Phone(r.Phone), r.IsDeceased, r.CreatedAt)).ToList()))
            .Where(s => s.Members.Count > 1)
            .OrderBy(s => s.Members[0].Name, StringComparer.Ordinal).ThenBy(s => s.Members[0].Id)
            .ToList();
        return new DuplicateReport(result, truncated);

        IEnumerable<T> Limit<T>(List<T> sets)
        {
            truncated |= sets.Count > MaxSetsPerReason;
            return sets.Take(MaxSetsPerReason);
        }

        async Task AddAsync(DuplicateReason reason, int first, int last, int count, Func<IQueryable<Retiree>> members)
        {
            var ids = count == 2 ? [first, last] : await members().OrderBy(r => r.Id).Select(r => r.Id).ToArrayAsync(cancellationToken);
            found.Add((reason, ids));
        }
    }
}
