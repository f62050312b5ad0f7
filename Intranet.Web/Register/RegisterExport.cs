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

    private const string IdNumberHeader = "身份证号";
    private static readonly string[] PhoneHeaders = ["联系电话", "紧急联系电话"];

    private static readonly string[] Headers =
    [
        "姓名", "性别", "出生日期", "年龄", IdNumberHeader, PhoneHeaders[0], "单位", "退休小组", "退休支部", "退教协会员",
        "街道", "社区", "住址", "退休日期", "原职务", "职称", "配偶", "结婚日期", "紧急联系人", PhoneHeaders[1],
        "健康状况", "居住情况", "关爱类别", "状态", "去世日期",
    ];

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
        var rows = await RegisterQueries.DefaultOrder(RegisterQueries.Filter(user.Scope.Apply(db.Retirees.AsNoTracking()), filter, today, personalData))
            .Select(r => new
            {
                r.Name, r.Gender, r.BirthDate,
                IdNumber = personalData.SeesIdNumber ? r.IdNumber : null,
                Phone = personalData.SeesPhone ? r.Phone : null,
                Unit = r.Unit!.Name, Group = r.Group == null ? null : r.Group.Name, Branch = r.PartyBranch == null ? null : r.PartyBranch.Name,
                r.IsAssociationMember, r.Subdistrict, r.Community, r.Address, r.RetirementDate, r.FormerPost, r.Title,
                r.SpouseName, r.MarriageDate, r.EmergencyContactName,
                EmergencyContactPhone = personalData.SeesPhone ? r.EmergencyContactPhone : null,
                r.HealthStatus, r.LivingSituation, r.CareCategories, r.IsDeceased, r.DeathDate,
            })
            .ToListAsync(cancellationToken);

        var description = await DescribeAsync(db, filter, cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditAction.Export)
        {
            EntityType = nameof(Retiree),
            Details = $"导出退休教工名册 {rows.Count} 条；条件：{description}；{(full ? "含完整身份证号和电话" : MaskedInWords(personalData))}",
        }, cancellationToken);

        // A column the role does not see is left out, not shown empty: an empty column would read as "no number".
        var keep = Headers.Select(h => h == IdNumberHeader ? personalData.SeesIdNumber : !PhoneHeaders.Contains(h) || personalData.SeesPhone).ToArray();
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, "退休教工名册", Headers.Where((_, i) => keep[i]).ToList(), rows.Select(r => (IReadOnlyList<object?>)((object?[])
        [
            r.Name, r.Gender.Label(), Date(r.BirthDate), r.IsDeceased ? null : Retiree.AgeOn(r.BirthDate, today),
            full ? r.IdNumber : personalData.IdNumber(r.IdNumber),
            full ? r.Phone : personalData.Phone(r.Phone),
            r.Unit, r.Group, r.Branch, r.IsAssociationMember ? "是" : "否",
            r.Subdistrict, r.Community, r.Address, Date(r.RetirementDate), r.FormerPost, r.Title,
            r.SpouseName, Date(r.MarriageDate), r.EmergencyContactName,
            full ? r.EmergencyContactPhone : personalData.Phone(r.EmergencyContactPhone),
            r.HealthStatus.Label(), r.LivingSituation.Label(),
            string.Join("、", (r.IsDeceased || Retiree.AgeOn(r.BirthDate, today) < Retiree.VeryOldAge ? [] : new[] { RegisterLabels.VeryOldLabel }).Concat(r.CareCategories.Labels())),
            r.IsDeceased ? "已故" : "健在", Date(r.DeathDate),
        ]).Where((_, i) => keep[i]).ToList()));

        var fileName = $"退休教工名册-{today:yyyyMMdd}.xlsx";
        return Results.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
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

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
