using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Reminders;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Intranet.Web.Register.Duplicates;

/// <summary>
/// One of the fields a merge chooses between, as a person sees it. Some fields only make sense together (the unit and
/// its group, death and its date, the emergency contact's name, phone and relation) and are chosen together.
/// </summary>
public sealed record MergeField(string Key, string Label, Func<Retiree, PersonalDataRules, string> Show, Action<Retiree, Retiree> Copy, bool IsPersonalNumber = false)
{
    public static IReadOnlyList<MergeField> All { get; } =
    [
        new("Name", "姓名", (r, _) => r.Name, (from, to) => to.Name = from.Name),
        new("Gender", "性别", (r, _) => r.Gender.Label(), (from, to) => to.Gender = from.Gender),
        new("IdNumber", "身份证号", (r, p) => p.IdNumber(r.IdNumber) ?? "（不显示）", 
            // An old 15-digit or lower-case number is stored in its normal 18-character form once chosen.
            (from, to) => to.IdNumber = ResidentIdNumber.TryParse(from.IdNumber, out var id, out _) ? id.Value.Value : from.IdNumber, true),
        new("BirthDate", "出生日期", (r, _) => Date(r.BirthDate) + (r.BirthdayIsLunar ? "（农历生日）" : string.Empty),
            (from, to) => (to.BirthDate, to.BirthdayIsLunar) = (from.BirthDate, from.BirthdayIsLunar)),
        new("Phone", "联系电话", (r, p) => p.Phone(r.Phone) ?? "—", (from, to) => to.Phone = from.Phone, true),
        new("Address", "住址", (r, _) => r.Address ?? "—", (from, to) => to.Address = from.Address),
        new("Community", "街道和社区", (r, _) => Join(r.Subdistrict, r.Community), (from, to) => (to.Subdistrict, to.Community) = (from.Subdistrict, from.Community)),
        new("Unit", "单位和小组", (r, _) => Join(r.Unit?.Name, r.Group?.Name), (from, to) => (to.UnitId, to.GroupId) = (from.UnitId, from.GroupId)),
        new("RetirementDate", "退休日期", (r, _) => r.RetirementDate is { } d ? Date(d) : "—", (from, to) => to.RetirementDate = from.RetirementDate),
        new("Post", "原职务和职称", (r, _) => Join(r.FormerPost, r.Title), (from, to) => (to.FormerPost, to.Title) = (from.FormerPost, from.Title)),
        new("PartyBranch", "退休支部", (r, _) => r.PartyBranch?.Name ?? "—", (from, to) => to.PartyBranchId = from.PartyBranchId),
        new("Association", "退教协会员", (r, _) => r.IsAssociationMember ? "是" : "否", (from, to) => to.IsAssociationMember = from.IsAssociationMember),
        new("Spouse", "配偶和结婚日期", (r, _) => Join(r.SpouseName, r.MarriageDate is { } d ? Date(d) : null) + (r.SpouseIsDeceased ? "（配偶已故）" : string.Empty),
            (from, to) => (to.SpouseName, to.MarriageDate, to.SpouseIsDeceased) = (from.SpouseName, from.MarriageDate, from.SpouseIsDeceased)),
        new("Emergency", "紧急联系人", (r, p) => Join(r.EmergencyContactName, r.EmergencyContactRelation, p.Phone(r.EmergencyContactPhone)),
            (from, to) => (to.EmergencyContactName, to.EmergencyContactPhone, to.EmergencyContactRelation) = (from.EmergencyContactName, from.EmergencyContactPhone, from.EmergencyContactRelation), true),
        new("Health", "健康和居住情况", (r, _) => r.HealthStatus.Label() + "，" + r.LivingSituation.Label(),
            (from, to) => (to.HealthStatus, to.LivingSituation) = (from.HealthStatus, from.LivingSituation)),
        new("HealthNotes", "健康说明", (r, p) => p.SeesHealthNotes ? r.HealthNotes ?? "—" : "（不显示）", (from, to) => to.HealthNotes = from.HealthNotes),
        new("Care", "关爱类别", (r, _) => r.CareCategories == CareCategories.None ? "—" : string.Join("、", r.CareCategories.Labels()), (from, to) => to.CareCategories = from.CareCategories),
        new("Deceased", "在世状态", (r, _) => r.IsDeceased ? "已故" + (r.DeathDate is { } d ? " " + Date(d) : string.Empty) : "健在",
            (from, to) => (to.IsDeceased, to.DeathDate) = (from.IsDeceased, from.DeathDate)),
        new("Notes", "备注", (r, _) => r.Notes ?? "—", (from, to) => to.Notes = from.Notes),
    ];

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Join(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)) is var shown && shown.Any() ? string.Join("，", shown) : "—";
}

/// <summary>Two records to make one: the survivor keeps its id; <see cref="TakeFromOther"/> names the fields whose value comes from the other.</summary>
public sealed class MergeForm
{
    public int SurvivorId { get; set; }

    public long SurvivorVersion { get; set; }

    public int OtherId { get; set; }

    public long OtherVersion { get; set; }

    public HashSet<string> TakeFromOther { get; set; } = [];
}

/// <summary>What a merge did beyond moving records: the duplicates of once-only records it dropped, in Chinese.</summary>
public sealed record MergeOutcome(int SurvivorId, int MovedRecords, IReadOnlyList<string> Dropped);

/// <summary>
/// Merges two records of one person into one, in one transaction: the chosen fields onto the survivor, every record
/// about the other person (found from the model's foreign keys, so a new area's records are never left behind) moved
/// to the survivor, the other record deleted, and a merge line that makes the other's history part of the survivor's.
/// </summary>
/// <remarks>
/// Records that may exist once per person (a class place, a club membership, a year's health check, a condolence
/// task …) would collide when both people have one for the same thing. The rule: the survivor's is kept and the
/// other's is deleted (its history stays, under the merged-away person), unless other records hang on it (attendance
/// of that class place, claims on that scheme place); then the merge is refused, naming what to settle first, since
/// choosing between two people's attendance is a person's decision, not the merge's.
/// </remarks>
public sealed class RetireeMerge(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit, TimeProvider time)
{
    public const string ChangedMessage = "合并失败：这两条记录在您核对期间已被他人修改。请重新载入后再核对一次，尚未合并任何内容。";

    private static readonly MethodInfo MoveMethod = typeof(RetireeMerge).GetMethod(nameof(MoveAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo CountMethod = typeof(RetireeMerge).GetMethod(nameof(CountReferencingAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Both records as the merge page shows them, or <c>null</c> when either is missing or outside the scope.</summary>
    public async Task<(Retiree Survivor, Retiree Other)?> LoadAsync(int survivorId, int otherId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pair = await user.Scope.Apply(db.Retirees.AsNoTracking())
            .Include(r => r.Unit).Include(r => r.Group).Include(r => r.PartyBranch)
            .Where(r => r.Id == survivorId || r.Id == otherId)
            .ToListAsync(cancellationToken);
        var survivor = pair.SingleOrDefault(r => r.Id == survivorId);
        var other = pair.SingleOrDefault(r => r.Id == otherId);
        if (survivor is null || other is null || survivorId == otherId)
        {
            foreach (var id in new[] { survivorId, otherId }.Where(id => pair.All(r => r.Id != id)))
            {
                await PeopleInScope.LogOutOfScopeAsync(db, audit, id, "试图合并范围之外的退休教工记录", cancellationToken);
            }

            return null;
        }

        if (!user.PersonalData.SeesHealthNotes)
        {
            survivor.HealthNotes = other.HealthNotes = null;
        }

        return (survivor, other);
    }

    public async Task<CommandResult<MergeOutcome>> MergeAsync(MergeForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await user.RefuseUnlessAsync(Permissions.CanEditRecords, audit, nameof(Retiree), "无修改权限的账户试图合并退休教工记录",
                "您的账户没有合并记录的权限。", cancellationToken) is { } refused)
        {
            return refused.As<MergeOutcome>();
        }

        if (form.SurvivorId == form.OtherId)
        {
            return CommandResult.Refused("请选择两条不同的记录进行合并。").As<MergeOutcome>();
        }

        if (form.TakeFromOther.FirstOrDefault(k => MergeField.All.All(f => f.Key != k)) is { } unknown)
        {
            return CommandResult.Refused($"无法识别的字段“{unknown}”，请刷新页面后重试。").As<MergeOutcome>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var survivor = await user.PersonInScopeAsync(db, audit, form.SurvivorId, "试图合并范围之外的退休教工记录", cancellationToken);
        var other = await user.PersonInScopeAsync(db, audit, form.OtherId, "试图合并范围之外的退休教工记录", cancellationToken);
        if (survivor is null || other is null)
        {
            return CommandResult.Missing("未找到要合并的记录（可能已被合并或删除），或您无权操作。").As<MergeOutcome>();
        }

        if (survivor.Version != form.SurvivorVersion || other.Version != form.OtherVersion)
        {
            return CommandResult.Changed(ChangedMessage).As<MergeOutcome>();
        }

        // The unit a merged record lands in must be one the merging person may put people in.
        var result = form.TakeFromOther.Contains("Unit") ? other : survivor;
        if (!user.Scope.Covers(result.UnitId, result.GroupId))
        {
            return CommandResult.Refused("只能合并到本单位（本组）。").As<MergeOutcome>();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var tracked = await db.Retirees.Where(r => r.Id == survivor.Id || r.Id == other.Id).ToListAsync(cancellationToken);
            survivor = tracked.Single(r => r.Id == form.SurvivorId);
            other = tracked.Single(r => r.Id == form.OtherId);
            db.Entry(survivor).Property(r => r.Version).OriginalValue = form.SurvivorVersion;
            db.Entry(other).Property(r => r.Version).OriginalValue = form.OtherVersion;

            var move = new MoveState(form.OtherId, form.SurvivorId);
            foreach (var foreignKey in ReferencesToRetiree(db.Model))
            {
                await (Task)MoveMethod.MakeGenericMethod(foreignKey.DeclaringEntityType.ClrType).Invoke(null, [db, foreignKey, move, cancellationToken])!;
            }

            await RekeyRemindersAsync(db, move, cancellationToken);
            if (move.Blocked.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return CommandResult.Refused("不能合并：" + string.Join("；", move.Blocked) + "。请先在相应页面处理其中一条，再合并。").As<MergeOutcome>();
            }

            // The other record goes first, so that the survivor may take over its ID number (unique in the register).
            db.Retirees.Remove(other);
            await db.SaveChangesAsync(cancellationToken);

            var survivorName = survivor.Name;
            foreach (var field in MergeField.All.Where(f => form.TakeFromOther.Contains(f.Key)))
            {
                field.Copy(other, survivor);
            }

            // Saved even with nothing taken from the other: the survivor's version is checked and moves on.
            db.Entry(survivor).Property(r => r.UpdatedAt).IsModified = true;
            db.AuditEntries.Add(new AuditEntry
            {
                At = time.GetUtcNow().UtcDateTime,
                UserName = user.UserName,
                Action = AuditAction.Merge,
                EntityType = nameof(Retiree),
                EntityId = other.Id.ToString(CultureInfo.InvariantCulture),
                RetireeId = survivor.Id,
                Subject = survivorName,
                IpAddress = user.IpAddress,
                Details = Cut($"把“{other.Name}”（{other.BirthDate:yyyy-MM-dd}生，记录 {other.Id}）合并到本记录，转入相关记录 {move.Moved} 条"
                    + (form.TakeFromOther.Count > 0 ? "，采用其" + string.Join("、", MergeField.All.Where(f => form.TakeFromOther.Contains(f.Key)).Select(f => f.Label)) : string.Empty)
                    + (move.Dropped.Count > 0 ? "；重复的记录已删除：" + string.Join("；", move.Dropped) : string.Empty), 2000),
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return CommandResult.Ok(new MergeOutcome(survivor.Id, move.Moved, move.Dropped));
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return CommandResult.Changed(ChangedMessage).As<MergeOutcome>();
        }
    }

    /// <summary>
    /// A reminder about the person is keyed by the person (a birthday's subject is the retiree): moved to the survivor it
    /// takes the survivor's key, or, when the survivor already has that very reminder (the same birthday), it goes.
    /// </summary>
    private static async Task RekeyRemindersAsync(IntranetDbContext db, MoveState move, CancellationToken cancellationToken)
    {
        var moved = db.ChangeTracker.Entries<Reminder>()
            .Where(e => e.Entity.RetireeId == move.To && e.Entity.SubjectId == move.From && e.Entity.Kind.IsAboutThePerson())
            .Select(e => e.Entity).ToList();
        foreach (var reminder in moved)
        {
            if (await db.Set<Reminder>().AnyAsync(r => r.Kind == reminder.Kind && r.SubjectId == move.To && r.OccasionOn == reminder.OccasionOn, cancellationToken))
            {
                db.Remove(reminder);
                move.Dropped.Add($"两人都有{reminder.Kind.Label()}提醒（{reminder.OccasionOn:yyyy-MM-dd}），保留了保留者的一条");
            }
            else
            {
                reminder.SubjectId = move.To;
            }
        }
    }

    /// <summary>Every foreign key in the model that points at a retiree: the records a merge must move.</summary>
    public static IReadOnlyList<IForeignKey> ReferencesToRetiree(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.FindEntityType(typeof(Retiree))!.GetReferencingForeignKeys().OrderBy(f => f.DeclaringEntityType.ClrType.Name).ToList();
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    private sealed class MoveState(int from, int to)
    {
        public int From { get; } = from;

        public int To { get; } = to;

        public int Moved { get; set; }

        public List<string> Dropped { get; } = [];

        public List<string> Blocked { get; } = [];
    }

    private static async Task MoveAsync<T>(IntranetDbContext db, IForeignKey foreignKey, MoveState move, CancellationToken cancellationToken)
        where T : class
    {
        var column = foreignKey.Properties.Single().Name;
        var from = await Rows<T>(db, column, move.From).ToListAsync(cancellationToken);
        if (from.Count == 0)
        {
            return;
        }

        var uniques = foreignKey.DeclaringEntityType.GetIndexes().Where(i => i.IsUnique && i.Properties.Any(p => p.Name == column)).ToList();
        var kept = uniques.Count == 0 ? [] : await Rows<T>(db, column, move.To).ToListAsync(cancellationToken);
        foreach (var row in from)
        {
            var clash = uniques.FirstOrDefault(index => kept.Any(k => SameKey(db, index, column, row, k)));
            if (clash is null)
            {
                db.Entry(row).Property(column).CurrentValue = move.To;
                move.Moved++;
                continue;
            }

            var what = await DescribeAsync(db, clash, column, row, cancellationToken);
            var hanging = await HangingOnAsync(db, row, cancellationToken);
            if (hanging.Count > 0)
            {
                move.Blocked.Add($"两人都有{what}，而被合并者的那条已有{string.Join("、", hanging)}");
            }
            else
            {
                db.Remove(row);
                move.Dropped.Add($"两人都有{what}，保留了保留者的一条");
            }
        }
    }

    private static IQueryable<T> Rows<T>(IntranetDbContext db, string column, int retireeId)
        where T : class =>
        db.Set<T>().Where(e => EF.Property<int?>(e, column) == retireeId);

    /// <summary>Whether two rows hold the same values in a unique index, apart from the person (NULLs never clash).</summary>
    private static bool SameKey(IntranetDbContext db, IIndex index, string column, object a, object b)
    {
        foreach (var property in index.Properties.Where(p => p.Name != column))
        {
            var x = db.Entry(a).Property(property.Name).CurrentValue;
            var y = db.Entry(b).Property(property.Name).CurrentValue;
            if (x is null || y is null || !x.Equals(y))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>“报名（班级“书法一班”）”: the record's kind and what it is for, named as people know it.</summary>
    private static async Task<string> DescribeAsync(IntranetDbContext db, IIndex index, string column, object row, CancellationToken cancellationToken)
    {
        var type = row.GetType();
        var label = type.GetCustomAttribute<EntityLabelAttribute>()?.Name ?? type.Name;
        var parts = new List<string>();
        foreach (var property in index.Properties.Where(p => p.Name != column))
        {
            var value = db.Entry(row).Property(property.Name).CurrentValue;
            var name = property.PropertyInfo?.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? property.Name;
            var principal = property.GetContainingForeignKeys().FirstOrDefault()?.PrincipalEntityType.ClrType;
            if (principal is not null && value is not null && await db.FindAsync(principal, [value], cancellationToken) is { } target)
            {
                var title = principal.GetProperty("Name")?.GetValue(target) ?? principal.GetProperty("Title")?.GetValue(target);
                parts.Add(title is null ? $"{name} {value}" : $"{name}“{title}”");
            }
            else
            {
                parts.Add($"{name} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
            }
        }

        return parts.Count == 0 ? $"“{label}”" : $"“{label}”（{string.Join("，", parts)}）";
    }

    /// <summary>The kinds of record that point at <paramref name="row"/> (attendance at a class place), in Chinese.</summary>
    private static async Task<List<string>> HangingOnAsync(IntranetDbContext db, object row, CancellationToken cancellationToken)
    {
        var entityType = db.Entry(row).Metadata;
        var key = (int)db.Entry(row).Property(entityType.FindPrimaryKey()!.Properties.Single().Name).CurrentValue!;
        var kinds = new List<string>();
        foreach (var foreignKey in entityType.GetReferencingForeignKeys())
        {
            var count = await (Task<int>)CountMethod.MakeGenericMethod(foreignKey.DeclaringEntityType.ClrType)
                .Invoke(null, [db, foreignKey.Properties.Single().Name, key, cancellationToken])!;
            if (count > 0)
            {
                kinds.Add($"{count} 条{foreignKey.DeclaringEntityType.ClrType.GetCustomAttribute<EntityLabelAttribute>()?.Name ?? foreignKey.DeclaringEntityType.ClrType.Name}记录");
            }
        }

        return kinds;
    }

    private static Task<int> CountReferencingAsync<T>(IntranetDbContext db, string column, int key, CancellationToken cancellationToken)
        where T : class =>
        db.Set<T>().CountAsync(e => EF.Property<int?>(e, column) == key, cancellationToken);
}
