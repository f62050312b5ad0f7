using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Welfare;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Welfare;

public sealed class CampaignForm
{
    [Required(ErrorMessage = "请填写活动名称。")]
    [StringLength(100, ErrorMessage = "活动名称不能超过 100 个字。")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "请选择慰问事由。")]
    public VisitOccasion? Occasion { get; set; }

    [Required(ErrorMessage = "请填写开始日期。")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "请填写截止日期。")]
    public DateOnly? EndsOn { get; set; }

    [StringLength(100, ErrorMessage = "慰问品不能超过 100 个字。")]
    public string? Gift { get; set; }

    /// <summary>Money per person in yuan as typed; empty when none.</summary>
    public string? Amount { get; set; }

    /// <summary>The cohort: from this age on (empty: any age).</summary>
    [Range(60, 120, ErrorMessage = "年龄请填写 60 到 120 之间的数。")]
    public int? MinAge { get; set; }

    public CareFilter? Care { get; set; }

    public int? UnitId { get; set; }
}

public sealed record CampaignItem(int Id, string Name, VisitOccasion Occasion, DateOnly StartsOn, DateOnly EndsOn, string Cohort, int People, int Done);

public sealed record UnitProgress(int UnitId, string UnitName, int People, int Done)
{
    public int Percent => People == 0 ? 0 : Done * 100 / People;
}

/// <summary>One person on a campaign's list, with their address and phone as the signed-in role may see them.</summary>
public sealed record CampaignEntryItem(int Id, int RetireeId, string Name, int Age, string? Address, string? Phone, string UnitName, DateOnly? VisitedOn, long Version);

/// <summary>Visit campaigns: the district creates them; each unit works through its part of the frozen list.</summary>
public sealed class CampaignService(
    IDbContextFactory<IntranetDbContext> dbFactory,
    CurrentUser user,
    AuditLog audit,
    WelfareCommands visits,
    TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Only district staff create campaigns: a campaign spans every unit.</summary>
    public bool MayCreate => user.Can(Permissions.CanEditRecords) && user.Scope.Kind == ScopeKind.All;

    public async Task<IReadOnlyList<CampaignItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = user.Scope.Apply(db.Set<CampaignEntry>().AsNoTracking());
        return await db.Set<VisitCampaign>().AsNoTracking()
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .Select(c => new CampaignItem(c.Id, c.Name, c.Occasion, c.StartsOn, c.EndsOn, c.Cohort,
                entries.Count(e => e.CampaignId == c.Id), entries.Count(e => e.CampaignId == c.Id && e.VisitId != null)))
            .ToListAsync(cancellationToken);
    }

    public async Task<VisitCampaign?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<VisitCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>People and visits done per unit, in the units' order; a unit officer sees their own unit's line.</summary>
    public async Task<IReadOnlyList<UnitProgress>> ProgressAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await user.Scope.Apply(db.Set<CampaignEntry>().AsNoTracking())
            .Where(e => e.CampaignId == campaignId)
            .GroupBy(e => e.UnitId)
            .Select(g => new { UnitId = g.Key, People = g.Count(), Done = g.Count(e => e.VisitId != null) })
            .ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.UnitId).ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.SortOrder }).ToListAsync(cancellationToken);
        var byUnit = counts.ToDictionary(c => c.UnitId);
        return [.. units.OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new UnitProgress(u.Id, u.Name, byUnit[u.Id].People, byUnit[u.Id].Done))];
    }

    /// <summary>A unit's part of the list (the visit sheet), by pinyin; numbers masked as the role requires.</summary>
    /// <param name="unitId">One unit's part, or with <c>null</c> every unit's the reader may see (the export), unit by unit.</param>
    public async Task<IReadOnlyList<CampaignEntryItem>> EntriesAsync(int campaignId, int? unitId, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var personalData = user.PersonalData;
        var today = Today;
        var entries = user.Scope.Apply(db.Set<CampaignEntry>().AsNoTracking()).Where(e => e.CampaignId == campaignId);
        if (unitId is { } unit)
        {
            entries = entries.Where(e => e.UnitId == unit);
        }

        var rows = await entries
            .OrderBy(e => e.UnitId).ThenBy(e => e.Retiree!.NamePinyin).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.RetireeId, e.Retiree!.Name, e.Retiree.BirthDate, e.Retiree.Address,
                Phone = personalData.SeesPhone ? e.Retiree.Phone : null,
                UnitName = e.Retiree.Unit!.Name, VisitedOn = e.Visit == null ? (DateOnly?)null : e.Visit.VisitedOn, e.Version,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CampaignEntryItem(r.Id, r.RetireeId, r.Name, Retiree.AgeOn(r.BirthDate, today), r.Address, personalData.Phone(r.Phone), r.UnitName, r.VisitedOn, r.Version))];
    }

    /// <summary>How many living people of the register (in scope) the cohort would freeze now.</summary>
    public async Task<int> CountCohortAsync(CampaignForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Cohort(db, form).CountAsync(cancellationToken);
    }

    public async Task<CommandResult<int>> CreateAsync(CampaignForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!MayCreate)
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied) { EntityType = nameof(VisitCampaign), Details = "无权限的账户试图新建慰问活动" }, cancellationToken);
            return CommandResult.Refused("只有区退管会工作人员可以新建慰问活动。").As<int>();
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid.As<int>();
        }

        if (form.EndsOn < form.StartsOn)
        {
            return CommandResult.Invalid(nameof(form.EndsOn), "截止日期不能早于开始日期。").As<int>();
        }

        long? fen = null;
        if (!string.IsNullOrWhiteSpace(form.Amount))
        {
            if (!Money.TryParseYuan(form.Amount, out var amount) || amount <= 0)
            {
                return CommandResult.Invalid(nameof(form.Amount), "慰问金请填写大于零的数字（元），最多两位小数。").As<int>();
            }

            fen = amount;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var people = await Cohort(db, form).Select(r => new { r.Id, r.UnitId }).ToListAsync(cancellationToken);
        if (people.Count == 0)
        {
            return CommandResult.Refused("按所选条件没有找到健在的退休教工，请调整慰问对象。").As<int>();
        }

        var campaign = new VisitCampaign
        {
            Name = form.Name.Trim(), Occasion = form.Occasion!.Value, StartsOn = form.StartsOn!.Value, EndsOn = form.EndsOn!.Value,
            Gift = string.IsNullOrWhiteSpace(form.Gift) ? null : form.Gift.Trim(), AmountFen = fen,
            Cohort = await DescribeAsync(db, form, cancellationToken),
        };

        // The list is frozen now: who joins the register later, or turns 80 next month, is not on it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var batch in people.Chunk(2000))
        {
            db.AddRange(batch.Select(p => new CampaignEntry { CampaignId = campaign.Id, RetireeId = p.Id, UnitId = p.UnitId }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        return CommandResult.Ok(campaign.Id);
    }

    /// <summary>
    /// Records the visit of one person on the list and ticks them off, in one save; the person and the occasion are the
    /// entry's and the campaign's, whatever the form says. Two officers ticking the same
    /// person at once: the first is saved, the second is told and nothing of theirs is saved.
    /// </summary>
    public async Task<CommandResult> RecordVisitAsync(int entryId, long version, VisitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await user.Scope.Apply(db.Set<CampaignEntry>()).Include(e => e.Campaign).Include(e => e.Retiree)
            .SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return CommandResult.Missing();
        }

        if (entry.VisitId is not null || entry.Version != version)
        {
            return CommandResult.Changed($"{entry.Retiree!.Name}的慰问已由他人登记，请刷新名单。");
        }

        var (result, visit) = await visits.PrepareVisitAsync(db, new VisitForm
        {
            RetireeId = entry.RetireeId, VisitedOn = form.VisitedOn, Occasion = entry.Campaign!.Occasion, Visitors = form.Visitors,
            Gift = form.Gift, Amount = form.Amount, Notes = form.Notes,
        }, cancellationToken);
        if (visit is null)
        {
            return result;
        }

        entry.Visit = visit;
        db.Entry(entry).Property(e => e.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Changed($"{entry.Retiree!.Name}的慰问已由他人登记，请刷新名单。");
        }
    }

    private IQueryable<Retiree> Cohort(IntranetDbContext db, CampaignForm form)
    {
        var today = Today;
        var filter = new RetireeFilter { UnitId = form.UnitId, Care = form.Care, Status = LifeStatus.Alive };
        var query = RegisterQueries.Filter(user.Scope.Apply(db.Retirees.AsNoTracking()), filter, today, user.PersonalData);
        if (form.MinAge is { } age)
        {
            var bornBy = today.AddYears(-age);
            query = query.Where(r => r.BirthDate <= bornBy);
        }

        return query;
    }

    private static async Task<string> DescribeAsync(IntranetDbContext db, CampaignForm form, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        if (form.MinAge is { } age)
        {
            parts.Add($"{age}岁及以上");
        }

        if (form.Care is { } care)
        {
            parts.Add(care.Label);
        }

        if (form.UnitId is { } unitId)
        {
            parts.Add(await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(cancellationToken));
        }

        return parts.Count == 0 ? "全体健在退休教工" : string.Join("；", parts);
    }
}
