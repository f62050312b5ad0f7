using System.Globalization;
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
using Microsoft.Extensions.Options;
using static Intranet.Web.Platform.Forms.FormText;

namespace Intranet.Web.Welfare;

/// <summary>
/// Welfare's writes. Each checks the role and the scope on the server (a case or a person outside it is "not found",
/// and the attempt is logged), the dates against the person's life and the case's, and amounts in whole fen.
/// </summary>
public sealed class WelfareCommands(
    IDbContextFactory<IntranetDbContext> dbFactory,
    CurrentUser user,
    AuditLog audit,
    TimeProvider time,
    IOptions<WelfareOptions> options)
{
    private const string CaseChanged = "这个个案刚被他人修改，请重新载入后再操作，您填写的内容尚未保存。";
    private const string CaseClosed = "这个个案已结案，不能再登记回访或发放帮扶款。";

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<CommandResult<int>> OpenCaseAsync(CaseForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync("新建帮扶个案", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retiree = await user.PersonInScopeAsync(db, audit, form.RetireeId, "试图为范围之外的退休教工新建帮扶个案", cancellationToken);
        if (retiree is null)
        {
            return CommandResult.Missing().As<int>();
        }

        if (retiree.IsDeceased)
        {
            return CommandResult.Refused($"{retiree.Name}已故，不能新建帮扶个案；如需慰问家属，请登记吊唁慰问。").As<int>();
        }

        if (CheckCase(form, retiree) is { } invalid)
        {
            return invalid.As<int>();
        }

        var welfareCase = new WelfareCase { RetireeId = retiree.Id, Reason = string.Empty, Officer = string.Empty };
        Apply(form, welfareCase);
        db.Add(welfareCase);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(welfareCase.Id);
    }

    public async Task<CommandResult> UpdateCaseAsync(int id, CaseForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync("修改帮扶个案", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var welfareCase = await CaseAsync(db, id, "修改", cancellationToken);
        if (welfareCase is null)
        {
            return CommandResult.Missing();
        }

        if (welfareCase.Version != form.Version)
        {
            return CommandResult.Changed(CaseChanged);
        }

        if (welfareCase.Status == CaseStatus.Closed)
        {
            return CommandResult.Refused("这个个案已结案，不能修改。");
        }

        if (CheckCase(form, welfareCase.Retiree!) is { } invalid)
        {
            return invalid;
        }

        var firstEntry = await db.Set<CaseFollowUp>().Where(f => f.CaseId == id).MinAsync(f => (DateOnly?)f.Date, cancellationToken);
        var firstPayment = await db.Set<CasePayment>().Where(p => p.CaseId == id).MinAsync(p => (DateOnly?)p.PaidOn, cancellationToken);
        if (new[] { firstEntry, firstPayment }.Min() is { } earliest && form.OpenedOn > earliest)
        {
            return CommandResult.Invalid(nameof(form.OpenedOn), $"立案日期不能晚于已登记的回访或发放日期（{earliest:yyyy-MM-dd}）。");
        }

        Apply(form, welfareCase);
        db.Entry(welfareCase).Property(c => c.Version).OriginalValue = form.Version;
        return await db.SaveOrChangedAsync(CaseChanged, cancellationToken);
    }

    public async Task<CommandResult> CloseCaseAsync(int id, CloseCaseForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync("结案", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var welfareCase = await CaseAsync(db, id, "结案", cancellationToken);
        if (welfareCase is null)
        {
            return CommandResult.Missing();
        }

        if (welfareCase.Version != form.Version)
        {
            return CommandResult.Changed(CaseChanged);
        }

        if (welfareCase.Status == CaseStatus.Closed)
        {
            return CommandResult.Refused("这个个案已经结案。");
        }

        var closedOn = form.ClosedOn!.Value;
        if (closedOn > Today)
        {
            return CommandResult.Invalid(nameof(form.ClosedOn), "结案日期不能晚于今天。");
        }

        if (closedOn < welfareCase.OpenedOn)
        {
            return CommandResult.Invalid(nameof(form.ClosedOn), $"结案日期不能早于立案日期（{welfareCase.OpenedOn:yyyy-MM-dd}）。");
        }

        welfareCase.Status = CaseStatus.Closed;
        welfareCase.ClosedOn = closedOn;
        welfareCase.ClosingReason = form.Reason.Trim();
        welfareCase.NextFollowUpOn = null;
        db.Entry(welfareCase).Property(c => c.Version).OriginalValue = form.Version;
        return await db.SaveOrChangedAsync(CaseChanged, cancellationToken);
    }

    /// <summary>A dated follow-up; it sets when to follow up next, and an open case becomes active.</summary>
    public async Task<CommandResult> AddFollowUpAsync(int caseId, FollowUpForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync("登记个案回访", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var welfareCase = await CaseAsync(db, caseId, "登记回访", cancellationToken);
        if (welfareCase is null)
        {
            return CommandResult.Missing();
        }

        if (welfareCase.Status == CaseStatus.Closed)
        {
            return CommandResult.Refused(CaseClosed);
        }

        var date = form.Date!.Value;
        if (CheckEntryDate(date, welfareCase, nameof(form.Date), "回访日期") is { } wrongDate)
        {
            return wrongDate;
        }

        if (form.NextFollowUpOn is { } next && next <= date)
        {
            return CommandResult.Invalid(nameof(form.NextFollowUpOn), "下次回访日期应晚于这次回访。");
        }

        db.Add(new CaseFollowUp { CaseId = caseId, RetireeId = welfareCase.RetireeId, Date = date, Note = form.Note.Trim() });
        welfareCase.NextFollowUpOn = form.NextFollowUpOn;
        welfareCase.Status = CaseStatus.Active;
        return await db.SaveOrChangedAsync(CaseChanged, cancellationToken);
    }

    /// <summary>A payment on an open case; above the configured amount it needs <paramref name="confirmed"/>.</summary>
    public async Task<CommandResult> AddPaymentAsync(int caseId, PaymentForm form, bool confirmed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync("发放帮扶款", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        if (ReadAmount(form.Amount, nameof(form.Amount), out var fen) is { } wrongAmount)
        {
            return wrongAmount;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var welfareCase = await CaseAsync(db, caseId, "发放帮扶款", cancellationToken);
        if (welfareCase is null)
        {
            return CommandResult.Missing();
        }

        if (welfareCase.Status == CaseStatus.Closed)
        {
            return CommandResult.Refused(CaseClosed);
        }

        var paidOn = form.PaidOn!.Value;
        if (CheckEntryDate(paidOn, welfareCase, nameof(form.PaidOn), "发放日期") is { } wrongDate)
        {
            return wrongDate;
        }

        if (!confirmed && fen > (long)(options.Value.ConfirmPaymentAboveYuan * 100m))
        {
            return CommandResult.Confirm($"这笔帮扶款为 {Money.Yuan(fen)} 元，超过 {Money.Yuan((long)(options.Value.ConfirmPaymentAboveYuan * 100m))} 元。请核对金额，确认无误后再保存。");
        }

        db.Add(new CasePayment { CaseId = caseId, RetireeId = welfareCase.RetireeId, PaidOn = paidOn, AmountFen = fen, ApprovedBy = form.ApprovedBy.Trim(), Note = Clean(form.Note) });
        if (welfareCase.Status == CaseStatus.Open)
        {
            welfareCase.Status = CaseStatus.Active;
        }

        return await db.SaveOrChangedAsync(CaseChanged, cancellationToken);
    }

    /// <summary>
    /// A visit to a living person, or a condolence visit to a deceased teacher's family (which closes the condolence
    /// task). The same visit saved twice (a double click) is one visit.
    /// </summary>
    public async Task<CommandResult<int>> RecordVisitAsync(VisitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (result, visit) = await PrepareVisitAsync(db, form, cancellationToken);
        if (visit is null)
        {
            return result.As<int>();
        }

        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(visit.Id);
    }

    /// <summary>
    /// Checks a visit (role, scope, dates against the person's life, amount, a double save) and adds it to
    /// <paramref name="db"/> unsaved, so a caller can save it with what it belongs to (a campaign's tick) at once.
    /// </summary>
    internal async Task<(CommandResult Result, Visit? Visit)> PrepareVisitAsync(IntranetDbContext db, VisitForm form, CancellationToken cancellationToken)
    {
        if (await RefusedAsync("登记慰问", cancellationToken) is { } refused)
        {
            return (refused, null);
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return (invalid, null);
        }

        long? fen = null;
        if (!string.IsNullOrWhiteSpace(form.Amount))
        {
            if (ReadAmount(form.Amount, nameof(form.Amount), out var amount) is { } wrongAmount)
            {
                return (wrongAmount, null);
            }

            fen = amount;
        }

        var retiree = await user.PersonInScopeAsync(db, audit, form.RetireeId, "试图为范围之外的退休教工登记慰问", cancellationToken);
        if (retiree is null)
        {
            return (CommandResult.Missing(), null);
        }

        var date = form.VisitedOn!.Value;
        var occasion = form.Occasion!.Value;
        if (CheckVisitDate(date, occasion, retiree) is { } wrongDate)
        {
            return (wrongDate, null);
        }

        if (form.CaseId is { } caseId && !await db.Set<WelfareCase>().AnyAsync(c => c.Id == caseId && c.RetireeId == retiree.Id, cancellationToken))
        {
            return (CommandResult.Invalid(nameof(form.CaseId), "所选帮扶个案不属于这位老师。"), null);
        }

        if (form.PairingId is { } pairingId
            && !await db.Set<Pairing>().AnyAsync(p => p.Id == pairingId && p.RetireeId == retiree.Id && p.StartsOn <= date && (p.EndsOn == null || p.EndsOn >= date), cancellationToken))
        {
            return (CommandResult.Invalid(nameof(form.PairingId), "所选结对关系不属于这位老师，或在慰问日期时不在结对期内。"), null);
        }

        var visitors = form.Visitors.Trim();
        if (await db.Set<Visit>().AnyAsync(v => v.RetireeId == retiree.Id && v.VisitedOn == date && v.Occasion == occasion && v.Visitors == visitors, cancellationToken))
        {
            return (CommandResult.Refused($"{date:yyyy-MM-dd} {visitors} 对{retiree.Name}的{occasion.Label()}已经登记过了。"), null);
        }

        var visit = new Visit
        {
            RetireeId = retiree.Id, VisitedOn = date, Occasion = occasion, Visitors = visitors, Gift = Clean(form.Gift),
            AmountFen = fen, Notes = Clean(form.Notes), CaseId = form.CaseId, PairingId = form.PairingId,
        };
        db.Add(visit);
        return (CommandResult.Ok(), visit);
    }

    /// <summary>Pairs a volunteer with a living retiree from a date.</summary>
    public async Task<CommandResult> AddPairingAsync(PairingForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync("登记结对帮扶", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retiree = await user.PersonInScopeAsync(db, audit, form.RetireeId, "试图为范围之外的退休教工登记结对帮扶", cancellationToken);
        if (retiree is null)
        {
            return CommandResult.Missing();
        }

        if (retiree.IsDeceased)
        {
            return CommandResult.Refused($"{retiree.Name}已故，不能新建结对。");
        }

        if (form.StartsOn > Today)
        {
            return CommandResult.Invalid(nameof(form.StartsOn), "开始日期不能晚于今天。");
        }

        db.Add(new Pairing { RetireeId = retiree.Id, Volunteer = form.Volunteer.Trim(), Kind = form.Kind!.Value, StartsOn = form.StartsOn!.Value });
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok();
    }

    public async Task<CommandResult> EndPairingAsync(int pairingId, DateOnly endsOn, CancellationToken cancellationToken = default)
    {
        if (await RefusedAsync("结束结对帮扶", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pairing = await user.Scope.Apply(db.Set<Pairing>()).SingleOrDefaultAsync(p => p.Id == pairingId, cancellationToken);
        if (pairing is null)
        {
            return CommandResult.Missing();
        }

        if (pairing.EndsOn is not null)
        {
            return CommandResult.Changed("这段结对已经结束。");
        }

        if (endsOn < pairing.StartsOn || endsOn > Today)
        {
            return CommandResult.Invalid("EndsOn", $"结束日期须在开始日期（{pairing.StartsOn:yyyy-MM-dd}）之后，且不晚于今天。");
        }

        pairing.EndsOn = endsOn;
        return await db.SaveOrChangedAsync(CaseChanged, cancellationToken);
    }

    private CommandResult? CheckCase(CaseForm form, Retiree retiree)
    {
        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        var errors = new List<FieldError>();
        var openedOn = form.OpenedOn!.Value;
        if (openedOn > Today)
        {
            errors.Add(new(nameof(form.OpenedOn), "立案日期不能晚于今天。"));
        }
        else if (openedOn < retiree.BirthDate)
        {
            errors.Add(new(nameof(form.OpenedOn), "立案日期不能早于这位老师的出生日期。"));
        }

        if (form.NextFollowUpOn is { } next && next < openedOn)
        {
            errors.Add(new(nameof(form.NextFollowUpOn), "下次回访日期不能早于立案日期。"));
        }

        if (form.Type == CaseType.DoubleCare && string.IsNullOrWhiteSpace(form.CommunityContact))
        {
            errors.Add(new(nameof(form.CommunityContact), "双重关爱须填写街道/居委联系人。"));
        }

        return errors.Count > 0 ? CommandResult.Invalid(errors) : null;
    }

    private CommandResult? CheckEntryDate(DateOnly date, WelfareCase welfareCase, string field, string what)
    {
        if (date > Today)
        {
            return CommandResult.Invalid(field, $"{what}不能晚于今天。");
        }

        return date < welfareCase.OpenedOn
            ? CommandResult.Invalid(field, $"{what}不能早于立案日期（{welfareCase.OpenedOn:yyyy-MM-dd}）。")
            : null;
    }

    private CommandResult? CheckVisitDate(DateOnly date, VisitOccasion occasion, Retiree retiree)
    {
        const string field = nameof(VisitForm.VisitedOn);
        if (date > Today)
        {
            return CommandResult.Invalid(field, "慰问日期不能晚于今天。");
        }

        if (date < retiree.BirthDate)
        {
            return CommandResult.Invalid(field, "慰问日期不能早于这位老师的出生日期。");
        }

        if (occasion == VisitOccasion.Condolence)
        {
            if (!retiree.IsDeceased)
            {
                return CommandResult.Invalid(nameof(VisitForm.Occasion), $"{retiree.Name}在名册中不是已故人员：吊唁慰问须先在名册中登记去世。");
            }

            return retiree.DeathDate is { } died && date < died
                ? CommandResult.Invalid(field, $"吊唁慰问的日期不能早于去世日期（{died:yyyy-MM-dd}）。")
                : null;
        }

        // Only a condolence may follow a death.
        return retiree.IsDeceased && (retiree.DeathDate is not { } death || date > death)
            ? CommandResult.Invalid(field, $"{retiree.Name}已于{retiree.DeathDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "此前"}去世，去世后只能登记吊唁慰问。")
            : null;
    }

    private CommandResult? ReadAmount(string? text, string field, out long fen)
    {
        if (!Money.TryParseYuan(text, out fen))
        {
            return CommandResult.Invalid(field, "金额请填写数字（元），最多两位小数，例如 800 或 1200.50。");
        }

        if (fen <= 0)
        {
            return CommandResult.Invalid(field, "金额须大于零。");
        }

        return fen > (long)(options.Value.MaxAmountYuan * 100m)
            ? CommandResult.Invalid(field, $"金额超过 {Money.Yuan((long)(options.Value.MaxAmountYuan * 100m))} 元，请核对是否多输了位数。")
            : null;
    }

    private Task<CommandResult?> RefusedAsync(string action, CancellationToken cancellationToken) =>
        user.RefuseUnlessAsync(Permissions.CanEditRecords, audit, nameof(WelfareCase), $"无修改权限的账户试图{action}", "您的账户没有修改记录的权限。", cancellationToken);

    private async Task<WelfareCase?> CaseAsync(IntranetDbContext db, int id, string action, CancellationToken cancellationToken)
    {
        var welfareCase = await user.Scope.Apply(db.Set<WelfareCase>()).Include(c => c.Retiree).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (welfareCase is null && await db.Set<WelfareCase>().AnyAsync(c => c.Id == id, cancellationToken))
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied)
            {
                EntityType = nameof(WelfareCase), EntityId = id.ToString(CultureInfo.InvariantCulture), Details = $"试图{action}范围之外的帮扶个案",
            }, cancellationToken);
        }

        return welfareCase;
    }

    private static void Apply(CaseForm form, WelfareCase welfareCase)
    {
        welfareCase.Type = form.Type!.Value;
        welfareCase.Reason = form.Reason.Trim();
        welfareCase.Officer = form.Officer.Trim();
        welfareCase.CommunityContact = Clean(form.CommunityContact);
        welfareCase.OpenedOn = form.OpenedOn!.Value;
        welfareCase.NextFollowUpOn = form.NextFollowUpOn;
    }
}
