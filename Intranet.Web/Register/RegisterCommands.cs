using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register;

public enum RevealField
{
    IdNumber = 1,
    Phone = 2,
    EmergencyContactPhone = 3,
}

/// <summary>
/// The register's writes, and revealing personal data in full. Each checks the role and the scope on the
/// server: a form posted with another unit's ids, or an id changed in the URL, is refused and logged.
/// </summary>
public sealed class RegisterCommands(
    IDbContextFactory<IntranetDbContext> dbFactory,
    CurrentUser user,
    AuditLog audit,
    TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<CommandResult<int>> SaveAsync(RetireeForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!user.Can(Permissions.CanEditRecords))
        {
            await audit.RetireeDeniedAsync(form.Id, "无修改权限的账户提交了退休教工表单", cancellationToken);
            return CommandResult.Refused("您的账户没有修改记录的权限。").As<int>();
        }

        form.Today = Today;
        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid.As<int>();
        }

        var unitId = form.UnitId!.Value;
        if (!user.Scope.Covers(unitId, form.GroupId))
        {
            await audit.RetireeDeniedAsync(form.Id, $"试图把退休教工登记到范围之外的单位（单位编号 {unitId}）", cancellationToken);
            return CommandResult.Invalid(nameof(form.UnitId), "只能登记本单位（本组）的退休教工。").As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.UnitId), "所选单位不存在，请刷新后重试。").As<int>();
        }

        if (form.GroupId is { } groupId && !await db.RetireeGroups.AnyAsync(g => g.Id == groupId && g.UnitId == unitId, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.GroupId), "所选退休小组不属于所选单位。").As<int>();
        }

        if (form.PartyBranchId is { } branchId && !await db.PartyBranches.AnyAsync(b => b.Id == branchId, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.PartyBranchId), "所选退休支部不存在，请刷新后重试。").As<int>();
        }

        var idNumber = form.ParsedId!.Value.Value;
        if (await db.Retirees.AnyAsync(r => r.IdNumber == idNumber && r.Id != (form.Id ?? 0), cancellationToken))
        {
            // Deliberately not saying where: the other record may lie outside this person's scope.
            return CommandResult.Invalid(nameof(form.IdNumber), "该身份证号码已在名册中登记，请勿重复录入；如有疑问请联系区退管会核实。").As<int>();
        }

        Retiree retiree;
        if (form.Id is null)
        {
            retiree = new Retiree { Name = string.Empty, IdNumber = string.Empty };
            db.Retirees.Add(retiree);
        }
        else
        {
            var found = await user.Scope.Apply(db.Retirees).SingleOrDefaultAsync(r => r.Id == form.Id, cancellationToken);
            if (found is null)
            {
                await audit.DeniedIfExistsAsync(db, form.Id.Value, "修改", cancellationToken);
                return CommandResult.Missing().As<int>();
            }

            retiree = found;
            db.Entry(retiree).Property(r => r.Version).OriginalValue = form.Version;
        }

        form.ApplyTo(retiree);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Changed("保存失败：这条记录在您编辑期间已被他人修改或删除。请刷新页面查看最新内容后再修改，您填写的内容尚未保存。").As<int>();
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // Someone saved the same person a moment earlier (a double click, or two people at once).
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await check.Retirees.AnyAsync(r => r.IdNumber == idNumber && r.Id != (form.Id ?? 0), cancellationToken))
            {
                return CommandResult.Invalid(nameof(form.IdNumber), "该身份证号码已在名册中登记，请勿重复录入。").As<int>();
            }

            throw;
        }

        return CommandResult.Ok(retiree.Id);
    }

    public async Task<CommandResult<int>> DeleteAsync(int id, long version, CancellationToken cancellationToken = default)
    {
        if (!user.Can(Permissions.CanEditRecords))
        {
            await audit.RetireeDeniedAsync(id, "无修改权限的账户试图删除退休教工", cancellationToken);
            return CommandResult.Refused("您的账户没有删除记录的权限。").As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retiree = await user.Scope.Apply(db.Retirees).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (retiree is null)
        {
            await audit.DeniedIfExistsAsync(db, id, "删除", cancellationToken);
            return CommandResult.Missing().As<int>();
        }

        db.Entry(retiree).Property(r => r.Version).OriginalValue = version;
        db.Retirees.Remove(retiree);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Changed("删除失败：这条记录刚被他人修改，请刷新后再确认是否删除。").As<int>();
        }

        return CommandResult.Ok(id);
    }

    /// <summary>Shows one masked value in full, for roles that may, and writes down who looked.</summary>
    public async Task<string?> RevealAsync(int id, RevealField field, CancellationToken cancellationToken = default)
    {
        var rules = user.PersonalData;
        if (!(field == RevealField.IdNumber ? rules.SeesIdNumber : rules.SeesPhone))
        {
            await audit.RetireeDeniedAsync(id, "无权限的账户试图查看完整个人信息", cancellationToken);
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retiree = await user.Scope.Apply(db.Retirees.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (retiree is null)
        {
            await audit.DeniedIfExistsAsync(db, id, "查看完整信息", cancellationToken);
            return null;
        }

        var (value, label) = field switch
        {
            RevealField.IdNumber => (retiree.IdNumber, "身份证号码"),
            RevealField.Phone => (retiree.Phone, "联系电话"),
            RevealField.EmergencyContactPhone => (retiree.EmergencyContactPhone, "紧急联系人电话"),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        await audit.WriteAsync(new AuditEvent(AuditAction.Reveal)
        {
            EntityType = nameof(Retiree),
            EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RetireeId = id,
            Subject = retiree.Name,
            Details = $"查看完整{label}",
        }, cancellationToken);
        return value;
    }
}
