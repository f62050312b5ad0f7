using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Spreadsheets;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register;

/// <summary>
/// The register as an Excel file: the same filter and the same scope as the list, masked personal data
/// unless the role may see it in full and asked to, and an audit line with who, what filter and how many rows.
/// </summary>
public static class RegisterExport
{
    public const string Path = "/register/export";

    public static string Url(RetireeFilter filter, bool full)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter.ToQuery();
        if (full)
        {
            query["full"] = "1";
        }

        return QueryHelpers.AddQueryString(Path, query);
    }

    public static IEndpointRouteBuilder MapRegisterExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(Policies.ReadRegister);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext context,
        IDbContextFactory<IntranetDbContext> dbFactory,
        CurrentUser user,
        AuditLog audit,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var filter = RetireeFilter.FromQuery(context.Request.Query);
        var full = context.Request.Query["full"] == "1";
        var personalData = user.PersonalData;
        if (full && !personalData.MayExportInFull)
        {
            await audit.RetireeDeniedAsync(null, "无权限的账户请求导出完整身份证号和电话", cancellationToken);
            return Results.Forbid();
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var description = await DescribeAsync(db, filter, cancellationToken);
        var rows = RegisterQueries.DefaultOrder(RegisterQueries.Filter(user.Scope.Apply(db.Retirees.AsNoTracking()), filter, today, personalData))
            .Select(r => new ExportRow
            {
                Name = r.Name, Gender = r.Gender, BirthDate = r.BirthDate,
                IdNumber = personalData.SeesIdNumber ? r.IdNumber : null,
                Phone = personalData.SeesPhone ? r.Phone : null,
                Unit = r.Unit!.Name, Group = r.Group == null ? null : r.Group.Name, Branch = r.PartyBranch == null ? null : r.PartyBranch.Name,
                IsAssociationMember = r.IsAssociationMember, Subdistrict = r.Subdistrict, Community = r.Community, Address = r.Address,
                RetirementDate = r.RetirementDate, FormerPost = r.FormerPost, Title = r.Title,
                SpouseName = r.SpouseName, MarriageDate = r.MarriageDate, EmergencyContactName = r.EmergencyContactName,
                EmergencyContactPhone = personalData.SeesPhone ? r.EmergencyContactPhone : null,
                HealthStatus = r.HealthStatus, LivingSituation = r.LivingSituation, CareCategories = r.CareCategories,
                IsDeceased = r.IsDeceased, DeathDate = r.DeathDate,
            })
            .AsAsyncEnumerable();

        // A column the role does not see is left out, not shown empty: an empty column would read as "no number".
        var columns = Columns(full, personalData, today).Where(c => c.Shown).ToList();
        context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        context.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = await FileNameAsync(db, filter, full, today, cancellationToken),
        }.ToString();

        // Rows go out as they are read; the audit line, with the count, is written once they are all out (or says
        // the export broke off), so a long export never holds the register in memory to count it first.
        var count = 0;
        var finished = false;
        try
        {
            count = await XlsxWriter.WriteAsync(context.Response.Body, "退休教工名册", [.. columns.Select(c => c.Column)],
                Cells(rows, columns, () => count++), cancellationToken);
            finished = true;
        }
        finally
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.Export)
            {
                EntityType = nameof(Retiree),
                Details = $"导出退休教工名册 {count} 条{(finished ? string.Empty : "（中途中断）")}；条件：{description}；{(full ? "含完整身份证号和电话" : MaskedInWords(personalData))}",
            }, CancellationToken.None);
        }

        return Results.Empty;
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Cells(
        IAsyncEnumerable<ExportRow> rows, IReadOnlyList<ExportColumn> columns, Action counted)
    {
        // One array for every row: the writer is done with a row before it asks for the next.
        var cells = new object?[columns.Count];
        await foreach (var row in rows)
        {
            counted();
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = columns[i].Value(row);
            }

            yield return cells;
        }
    }

    private static IEnumerable<ExportColumn> Columns(bool full, PersonalDataRules rules, DateOnly today) =>
    [
        new("姓名", 10, r => r.Name),
        new("性别", 6, r => r.Gender.Label()),
        new("出生日期", 12, r => r.BirthDate),
        new("年龄", 6, r => r.IsDeceased ? null : Retiree.AgeOn(r.BirthDate, today)),
        new("身份证号", 22, r => full ? r.IdNumber : rules.IdNumber(r.IdNumber), rules.SeesIdNumber),
        new("联系电话", 15, r => full ? r.Phone : rules.Phone(r.Phone), rules.SeesPhone),
        new("单位", 26, r => r.Unit),
        new("退休小组", 12, r => r.Group),
        new("退休支部", 14, r => r.Branch),
        new("退教协会员", 10, r => r.IsAssociationMember ? "是" : "否"),
        new("街道", 12, r => r.Subdistrict),
        new("社区", 12, r => r.Community),
        new("住址", 32, r => r.Address),
        new("退休日期", 12, r => r.RetirementDate),
        new("原职务", 12, r => r.FormerPost),
        new("职称", 14, r => r.Title),
        new("配偶", 10, r => r.SpouseName),
        new("结婚日期", 12, r => r.MarriageDate),
        new("紧急联系人", 10, r => r.EmergencyContactName),
        new("紧急联系电话", 15, r => full ? r.EmergencyContactPhone : rules.Phone(r.EmergencyContactPhone), rules.SeesPhone),
        new("健康状况", 10, r => r.HealthStatus.Label()),
        new("居住情况", 14, r => r.LivingSituation.Label()),
        new("关爱类别", 22, r => string.Join("、", (r.IsDeceased || Retiree.AgeOn(r.BirthDate, today) < Retiree.VeryOldAge ? [] : new[] { RegisterLabels.VeryOldLabel }).Concat(r.CareCategories.Labels()))),
        new("状态", 6, r => r.IsDeceased ? "已故" : "健在"),
        new("去世日期", 12, r => r.DeathDate),
    ];

    /// <summary>"退休教工名册-石室中学-已故-20261122-含完整号码.xlsx": what the file holds, readable in a folder of downloads.</summary>
    private static async Task<string> FileNameAsync(IntranetDbContext db, RetireeFilter filter, bool full, DateOnly today, CancellationToken cancellationToken)
    {
        var parts = new List<string> { "退休教工名册" };
        if (filter.UnitId is { } unitId && await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) is { } unit)
        {
            parts.Add(unit);
        }

        if (filter.GroupId is { } groupId && await db.RetireeGroups.Where(g => g.Id == groupId).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken) is { } group)
        {
            parts.Add(group);
        }

        if (filter.Care is { } care)
        {
            parts.Add(care.VeryOld ? RegisterLabels.VeryOldLabel : care.Category.Label());
        }

        if (filter.Status != LifeStatus.Alive)
        {
            parts.Add(filter.Status == LifeStatus.Deceased ? "已故" : "全部人员");
        }

        if (!string.IsNullOrWhiteSpace(filter.NameOrId))
        {
            parts.Add("查找结果");
        }

        parts.Add(today.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        if (full)
        {
            parts.Add("含完整号码");
        }

        var name = string.Join("-", parts).Replace('/', '、');
        return string.Concat(name.Where(c => !System.IO.Path.GetInvalidFileNameChars().Contains(c))) + ".xlsx";
    }

    private static async Task<string> DescribeAsync(IntranetDbContext db, RetireeFilter filter, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(filter.NameOrId))
        {
            // The log is read by administrators, who see no ID numbers: an ID number searched for is logged masked.
            var term = filter.NameOrId.Trim();
            parts.Add(RegisterQueries.IsIdNumberSearch(term) ? $"身份证号“{ResidentIdNumber.Mask(term)}”" : $"姓名或拼音“{term}”");
        }

        if (filter.UnitId is { } unitId)
        {
            parts.Add("单位 " + (await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? unitId.ToString(CultureInfo.InvariantCulture)));
        }

        if (filter.GroupId is { } groupId)
        {
            parts.Add("小组 " + (await db.RetireeGroups.Where(g => g.Id == groupId).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken) ?? groupId.ToString(CultureInfo.InvariantCulture)));
        }

        if (filter.PartyBranchId is { } branchId)
        {
            parts.Add("支部 " + (await db.PartyBranches.Where(b => b.Id == branchId).Select(b => b.Name).FirstOrDefaultAsync(cancellationToken) ?? branchId.ToString(CultureInfo.InvariantCulture)));
        }

        if (filter.Care is { } care)
        {
            parts.Add("关爱类别 " + care.Label);
        }

        parts.Add(filter.Status switch { LifeStatus.Alive => "健在", LifeStatus.Deceased => "已故", _ => "全部人员" });
        return string.Join("，", parts);
    }

    private static string MaskedInWords(PersonalDataRules rules) => (rules.SeesIdNumber, rules.SeesPhone) switch
    {
        (true, true) => "身份证号和电话已遮蔽",
        (false, true) => "不含身份证号，电话已遮蔽",
        _ => "不含身份证号和电话",
    };

    private sealed record ExportColumn(string Header, double Width, Func<ExportRow, object?> Value, bool Shown = true)
    {
        public XlsxColumn Column => new(Header, Width);
    }

    private sealed class ExportRow
    {
        public required string Name { get; init; }

        public Gender Gender { get; init; }

        public DateOnly BirthDate { get; init; }

        public string? IdNumber { get; init; }

        public string? Phone { get; init; }

        public required string Unit { get; init; }

        public string? Group { get; init; }

        public string? Branch { get; init; }

        public bool IsAssociationMember { get; init; }

        public string? Subdistrict { get; init; }

        public string? Community { get; init; }

        public string? Address { get; init; }

        public DateOnly? RetirementDate { get; init; }

        public string? FormerPost { get; init; }

        public string? Title { get; init; }

        public string? SpouseName { get; init; }

        public DateOnly? MarriageDate { get; init; }

        public string? EmergencyContactName { get; init; }

        public string? EmergencyContactPhone { get; init; }

        public HealthStatus HealthStatus { get; init; }

        public LivingSituation LivingSituation { get; init; }

        public CareCategories CareCategories { get; init; }

        public bool IsDeceased { get; init; }

        public DateOnly? DeathDate { get; init; }
    }
}
