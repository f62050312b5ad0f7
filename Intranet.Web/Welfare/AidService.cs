using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Welfare;
using Intranet.Web.Accounts;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Platform.Lists;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Welfare;

public sealed class HealthCheckForm
{
    public int RetireeId { get; set; }

    [Range(2000, 2100, ErrorMessage = "请填写正确的年度。")]
    public int Year { get; set; }

    [Required(ErrorMessage = "请选择体检情况。")]
    public HealthCheckStatus? Status { get; set; }

    public DateOnly? CheckedOn { get; set; }

    [StringLength(HealthCheck.NoteMaxLength, ErrorMessage = "备注不能超过 100 个字，只记简要情况，不记病情细节。")]
    public string? Note { get; set; }
}

public sealed class SchemeForm
{
    [Range(2000, 2100, ErrorMessage = "请填写正确的年度。")]
    public int Year { get; set; }

    [Required(ErrorMessage = "请填写项目名称。")]
    [StringLength(100, ErrorMessage = "项目名称不能超过 100 个字。")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写每人费用。")]
    public string Fee { get; set; } = string.Empty;
}

public sealed record HealthCheckItem(int Id, int Year, HealthCheckStatus Status, DateOnly? CheckedOn, string? Note);

public sealed record ClaimItem(int Id, DateOnly ClaimedOn, long AmountFen, ClaimStatus Status, DateOnly? DecidedOn);

public sealed record EnrolmentItem(int Id, string SchemeName, int Year, long FeePaidFen, DateOnly PaidOn, IReadOnlyList<ClaimItem> Claims);

public sealed record RetireeAid(IReadOnlyList<HealthCheckItem> Checks, IReadOnlyList<EnrolmentItem> Enrolments, IReadOnlyList<Choice> OpenSchemes);

public sealed record SchemeFigures(int Id, int Year, string Name, long FeeFen, int Enrolled, long FeesFen, int Claims, int Paid, int Refused, long PaidFen);

/// <summary>
/// Mutual-aid schemes and the annual health check. Health notes are read only by roles that read health data (district
/// staff and the person's unit officer); the note is not even read from the database for anyone else.
/// </summary>
public sealed class AidService(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public bool MayEdit => user.Can(Permissions.CanEditRecords);

    public bool MayCreateSchemes => MayEdit && user.Scope.Kind == ScopeKind.All;

    public async Task<RetireeAid> RetireeAidAsync(int retireeId, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var seesNotes = user.PersonalData.SeesHealthNotes;
        var checks = await user.Scope.Apply(db.Set<HealthCheck>().AsNoTracking()).Where(h => h.RetireeId == retireeId)
            .OrderByDescending(h => h.Year)
            .Select(h => new HealthCheckItem(h.Id, h.Year, h.Status, h.CheckedOn, seesNotes ? h.Note : null))
            .ToListAsync(cancellationToken);
        var enrolments = await user.Scope.Apply(db.Set<SchemeEnrolment>().AsNoTracking()).Where(e => e.RetireeId == retireeId)
            .OrderByDescending(e => e.Scheme!.Year).ThenBy(e => e.Scheme!.Name)
            .Select(e => new { e.Id, e.Scheme!.Name, e.Scheme.Year, e.FeePaidFen, e.PaidOn })
            .ToListAsync(cancellationToken);
        var ids = enrolments.Select(e => e.Id).ToList();
        var claims = await db.Set<SchemeClaim>().AsNoTracking().Where(c => ids.Contains(c.EnrolmentId))
            .OrderBy(c => c.ClaimedOn).ToListAsync(cancellationToken);
        var year = Today.Year;
        var open = await db.Set<MutualAidScheme>().AsNoTracking()
            .Where(s => s.Year >= year - 1 && !db.Set<SchemeEnrolment>().Any(e => e.SchemeId == s.Id && e.RetireeId == retireeId))
            .OrderByDescending(s => s.Year).ThenBy(s => s.Name)
            .Select(s => new Choice(s.Id, s.Year + " " + s.Name))
            .ToListAsync(cancellationToken);
        return new RetireeAid(
            checks,
            [.. enrolments.Select(e => new EnrolmentItem(e.Id, e.Name, e.Year, e.FeePaidFen, e.PaidOn,
                [.. claims.Where(c => c.EnrolmentId == e.Id).Select(c => new ClaimItem(c.Id, c.ClaimedOn, c.AmountFen, c.Status, c.DecidedOn))]))],
            open);
    }

    /// <summary>Records a year's health check for a person, or changes the one recorded.</summary>
    public async Task<CommandResult> SaveHealthCheckAsync(HealthCheckForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!MayEdit)
        {
            return CommandResult.Refused("您的账户没有修改记录的权限。");
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retiree = await user.Scope.Apply(db.Retirees.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == form.RetireeId, cancellationToken);
        if (retiree is null)
        {
            return CommandResult.Missing();
        }

        if (form.Status == HealthCheckStatus.Done)
        {
            if (form.CheckedOn is not { } on)
            {
                return CommandResult.Invalid(nameof(form.CheckedOn), "已体检请填写体检日期。");
            }

            if (on.Year != form.Year || on > Today)
            {
                return CommandResult.Invalid(nameof(form.CheckedOn), $"体检日期须在 {form.Year} 年内，且不晚于今天。");
            }
        }

        if (retiree.IsDeceased && retiree.DeathDate is { } died && form.Year > died.Year)
        {
            return CommandResult.Refused($"{retiree.Name}已于 {died:yyyy-MM-dd} 去世，不能安排之后年度的体检。");
        }

        var check = await db.Set<HealthCheck>().SingleOrDefaultAsync(h => h.RetireeId == retiree.Id && h.Year == form.Year, cancellationToken);
        if (check is null)
        {
            check = new HealthCheck { RetireeId = retiree.Id, Year = form.Year };
            db.Add(check);
        }

        check.Status = form.Status!.Value;
        check.CheckedOn = form.Status == HealthCheckStatus.Done ? form.CheckedOn : null;
        check.Note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok();
        }
        catch (DbUpdateException)
        {
            return CommandResult.Changed("这一年度的体检刚被他人登记，请刷新后再修改。");
        }
    }

    public async Task<CommandResult> EnrolAsync(int retireeId, int schemeId, DateOnly paidOn, CancellationToken cancellationToken = default)
    {
        if (!MayEdit)
        {
            return CommandResult.Refused("您的账户没有修改记录的权限。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retiree = await user.Scope.Apply(db.Retirees.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == retireeId, cancellationToken);
        var scheme = await db.Set<MutualAidScheme>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == schemeId, cancellationToken);
        if (retiree is null || scheme is null)
        {
            return CommandResult.Missing();
        }

        if (retiree.IsDeceased)
        {
            return CommandResult.Refused($"{retiree.Name}已故，不能参保。");
        }

        if (paidOn > Today)
        {
            return CommandResult.Invalid("PaidOn", "缴费日期不能晚于今天。");
        }

        if (await db.Set<SchemeEnrolment>().AnyAsync(e => e.SchemeId == schemeId && e.RetireeId == retireeId, cancellationToken))
        {
            return CommandResult.Refused($"{retiree.Name}已参加“{scheme.Name}”。");
        }

        db.Add(new SchemeEnrolment { SchemeId = schemeId, RetireeId = retireeId, FeePaidFen = scheme.FeeFen, PaidOn = paidOn });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok();
        }
        catch (DbUpdateException)
        {
            return CommandResult.Refused($"{retiree.Name}已参加“{scheme.Name}”。");
        }
    }

    public async Task<CommandResult> ClaimAsync(int enrolmentId, DateOnly claimedOn, string amount, CancellationToken cancellationToken = default)
    {
        if (!MayEdit)
        {
            return CommandResult.Refused("您的账户没有修改记录的权限。");
        }

        if (!Money.TryParseYuan(amount, out var fen) || fen <= 0)
        {
            return CommandResult.Invalid("ClaimAmount", "金额请填写大于零的数字（元），最多两位小数。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var enrolment = await user.Scope.Apply(db.Set<SchemeEnrolment>().AsNoTracking()).SingleOrDefaultAsync(e => e.Id == enrolmentId, cancellationToken);
        if (enrolment is null)
        {
            return CommandResult.Missing();
        }

        if (claimedOn > Today || claimedOn < enrolment.PaidOn)
        {
            return CommandResult.Invalid("ClaimedOn", $"申请日期须在参保缴费（{enrolment.PaidOn:yyyy-MM-dd}）之后，且不晚于今天。");
        }

        db.Add(new SchemeClaim { EnrolmentId = enrolmentId, RetireeId = enrolment.RetireeId, ClaimedOn = claimedOn, AmountFen = fen });
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>Pays or refuses a submitted claim; a claim already decided stays as it is.</summary>
    public async Task<CommandResult> DecideAsync(int claimId, bool paid, CancellationToken cancellationToken = default)
    {
        if (!MayEdit)
        {
            return CommandResult.Refused("您的账户没有修改记录的权限。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claim = await user.Scope.Apply(db.Set<SchemeClaim>()).SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return CommandResult.Missing();
        }

        if (claim.Status != ClaimStatus.Submitted)
        {
            return CommandResult.Changed($"这笔理赔已经{claim.Status.Label()}。");
        }

        claim.Status = paid ? ClaimStatus.Paid : ClaimStatus.Refused;
        claim.DecidedOn = Today;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Changed("这笔理赔刚被他人处理，请刷新。");
        }
    }

    /// <summary>A year's schemes with enrolment, fees and claims in the reader's scope, summed in SQL.</summary>
    public async Task<IReadOnlyList<SchemeFigures>> SchemesAsync(int year, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var enrolments = user.Scope.Apply(db.Set<SchemeEnrolment>().AsNoTracking());
        var claims = user.Scope.Apply(db.Set<SchemeClaim>().AsNoTracking());
        return await db.Set<MutualAidScheme>().AsNoTracking().Where(s => s.Year == year).OrderBy(s => s.Name)
            .Select(s => new SchemeFigures(
                s.Id, s.Year, s.Name, s.FeeFen,
                enrolments.Count(e => e.SchemeId == s.Id),
                enrolments.Where(e => e.SchemeId == s.Id).Sum(e => e.FeePaidFen),
                claims.Count(c => c.Enrolment!.SchemeId == s.Id),
                claims.Count(c => c.Enrolment!.SchemeId == s.Id && c.Status == ClaimStatus.Paid),
                claims.Count(c => c.Enrolment!.SchemeId == s.Id && c.Status == ClaimStatus.Refused),
                claims.Where(c => c.Enrolment!.SchemeId == s.Id && c.Status == ClaimStatus.Paid).Sum(c => c.AmountFen)))
            .ToListAsync(cancellationToken);
    }

    public async Task<CommandResult> CreateSchemeAsync(SchemeForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!MayCreateSchemes)
        {
            return CommandResult.Refused("只有区退管会工作人员可以设立互助保障项目。");
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        if (!Money.TryParseYuan(form.Fee, out var fen) || fen <= 0)
        {
            return CommandResult.Invalid(nameof(form.Fee), "费用请填写大于零的数字（元），最多两位小数。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = form.Name.Trim();
        if (await db.Set<MutualAidScheme>().AnyAsync(s => s.Year == form.Year && s.Name == name, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.Name), $"{form.Year} 年已有“{name}”。");
        }

        db.Add(new MutualAidScheme { Year = form.Year, Name = name, FeeFen = fen });
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok();
    }
}
