using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register;

/// <summary>The register on the dashboard: the living by unit (or a unit's by group), age band and care category; deaths this year.</summary>
public sealed record RegisterFigures(
    int Living, int VeryOld, int DeathsThisYear, IReadOnlyList<Tally> ByUnit, IReadOnlyList<Tally> AgeBands, IReadOnlyList<Tally> Care);

public sealed class RegisterPanel : DashboardPanel
{
    public override string Key => "register";

    public override string Title => "退休教工";

    public override int Order => 10;

    public override IReadOnlySet<string> Entities { get; } = new HashSet<string> { nameof(Retiree), nameof(Unit), nameof(RetireeGroup) };

    public override Type Component => typeof(RegisterPanelView);

    public override async Task<object> ComputeAsync(IntranetDbContext db, DashboardScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var people = scope.Access.Apply(db.Retirees.AsNoTracking());
        var living = people.Where(r => !r.IsDeceased);
        var unitQuery = scope.UnitId is { } u ? $"&unit={u}" : string.Empty;

        // Age bands by birth date, so each is a range on the BirthDate index: 60s, 70s, 80s, 90s, 100 and over.
        var bands = new List<Tally>();
        foreach (var (label, from, to) in new[] { ("60–69岁", 60, 70), ("70–79岁", 70, 80), ("80–89岁", 80, 90), ("90–99岁", 90, 100), ("百岁及以上", 100, 200) })
        {
            var bornAfter = today.AddYears(-to);
            var bornOnOrBefore = today.AddYears(-from);
            bands.Add(new Tally(label, await living.CountAsync(r => r.BirthDate > bornAfter && r.BirthDate <= bornOnOrBefore, cancellationToken)));
        }

        var byPlace = scope.UnitId is null
            ? await living.GroupBy(r => new { r.UnitId, r.Unit!.Name, r.Unit.SortOrder })
                .Select(g => new { Id = g.Key.UnitId, g.Key.Name, g.Key.SortOrder, Count = g.Count() })
                .OrderByDescending(g => g.Count).ThenBy(g => g.SortOrder)
                .Select(g => new Tally(g.Name, g.Count, "/register?unit=" + g.Id))
                .ToListAsync(cancellationToken)
            : await living.GroupBy(r => new { r.GroupId, Name = r.Group == null ? "未分组" : r.Group.Name })
                .Select(g => new { g.Key.GroupId, g.Key.Name, Count = g.Count() })
                .OrderByDescending(g => g.Count)
                .Select(g => new Tally(g.Name, g.Count, g.GroupId == null ? null : "/register?unit=" + scope.UnitId + "&group=" + g.GroupId))
                .ToListAsync(cancellationToken);

        var care = new List<Tally>();
        foreach (var category in RegisterLabels.AllCareCategories)
        {
            care.Add(new Tally(category.Label(), await living.CountAsync(r => (r.CareCategories & category) == category, cancellationToken),
                $"/register?care={(int)category}{unitQuery}"));
        }

        var yearStart = new DateOnly(scope.Year, 1, 1);
        var deaths = await people.CountAsync(r => r.IsDeceased && r.DeathDate >= yearStart && r.DeathDate < yearStart.AddYears(1), cancellationToken);
        var veryOldBorn = today.AddYears(-Retiree.VeryOldAge);
        return new RegisterFigures(
            await living.CountAsync(cancellationToken),
            await living.CountAsync(r => r.BirthDate <= veryOldBorn, cancellationToken),
            deaths, byPlace, bands, care);
    }
}
