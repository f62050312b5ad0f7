using System.Collections.Concurrent;
using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register.Import;

/// <summary>
/// Previews waiting for the office's decision, by a random key, so the page can offer the preview as a download by
/// address. Only the person who uploaded it can fetch it; it is forgotten after an hour.
/// </summary>
public sealed class ImportPreviews(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, (ImportPreview Preview, DateTimeOffset Until)> _previews = new();

    public Guid Add(ImportPreview preview)
    {
        var now = time.GetUtcNow();
        foreach (var old in _previews.Where(p => p.Value.Until < now))
        {
            _previews.TryRemove(old.Key, out _);
        }

        var key = Guid.NewGuid();
        _previews[key] = (preview, now + Keep);
        return key;
    }

    public ImportPreview? Find(Guid key, string? userName) =>
        _previews.TryGetValue(key, out var entry) && entry.Until >= time.GetUtcNow() && entry.Preview.UserName == userName ? entry.Preview : null;

    public void Remove(Guid key) => _previews.TryRemove(key, out _);
}

/// <summary>The import template and the preview with its reasons, as .xlsx downloads.</summary>
public static class ImportDownloads
{
    public const string TemplatePath = "/register/import/template";
    public const string ReportPath = "/register/import/report";

    private const string SheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string ReportUrl(Guid key) => $"{ReportPath}/{key:N}";

    public static IEndpointRouteBuilder MapRegisterImport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(TemplatePath, TemplateAsync).RequireAuthorization(Policies.EditRecords);
        endpoints.MapGet(ReportPath + "/{key:guid}", ReportAsync).RequireAuthorization(Policies.EditRecords);
        return endpoints;
    }

    /// <summary>Every column the import reads, headed as the template names them, and one example row.</summary>
    private static async Task<IResult> TemplateAsync(HttpContext context, IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await user.Scope.Apply(db.Retirees.AsNoTracking()).OrderBy(r => r.Id).Select(r => r.Unit!.Name).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Units.AsNoTracking().Where(u => user.Scope.UnitId == null || u.Id == user.Scope.UnitId).OrderBy(u => u.SortOrder).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken)
            ?? "（名册中的单位名称）";
        var birth = new DateOnly(1956, 3, 2);
        var example = new Dictionary<ImportField, object?>
        {
            [ImportField.Name] = "张秀英",
            [ImportField.IdNumber] = ResidentIdNumber.Create("510105", birth, 7, Gender.Female).Value,
            [ImportField.Gender] = "女",
            [ImportField.BirthDate] = birth,
            [ImportField.BirthdayIsLunar] = "否",
            [ImportField.Phone] = "13800138000",
            [ImportField.Address] = "青羊区少城路 12 号 3 栋 2 单元 501",
            [ImportField.Subdistrict] = "少城街道",
            [ImportField.Community] = "宽巷子社区",
            [ImportField.Unit] = unit,
            [ImportField.RetirementDate] = new DateOnly(2011, 3, 1),
            [ImportField.FormerPost] = "教师",
            [ImportField.Title] = "中学高级教师",
            [ImportField.AssociationMember] = "是",
            [ImportField.SpouseName] = "李建国",
            [ImportField.MarriageDate] = new DateOnly(1979, 10, 1),
            [ImportField.SpouseIsDeceased] = "否",
            [ImportField.EmergencyContactName] = "李明",
            [ImportField.EmergencyContactPhone] = "13900139000",
            [ImportField.EmergencyContactRelation] = "儿子",
            [ImportField.HealthStatus] = "良好",
            [ImportField.LivingSituation] = "与配偶同住",
            [ImportField.CareCategories] = "空巢",
            [ImportField.Deceased] = "健在",
            [ImportField.Notes] = "此行为示例，导入前请删除",
        };
        var columns = ImportColumns.All.Where(c => c.Field != ImportField.Ignored).ToList();
        SetDownload(context, "退休教工名册导入模板.xlsx");
        await XlsxWriter.WriteAsync(context.Response.Body, "退休教工名册",
            [.. columns.Select(c => new XlsxColumn(c.Header, c.Field is ImportField.IdNumber or ImportField.Address ? 24 : Math.Max(10, c.Header.Length * 2 + 2)))],
            One([.. columns.Select(c => example.GetValueOrDefault(c.Field))]), cancellationToken);
        return Results.Empty;
    }

    /// <summary>
    /// The office's sheet handed back with what became of each row and why: fixed and uploaded again. It holds the
    /// numbers as the office typed them, so only a role that may export numbers in full gets it, and it is logged.
    /// </summary>
    private static async Task<IResult> ReportAsync(Guid key, HttpContext context, ImportPreviews previews, CurrentUser user, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!user.PersonalData.MayExportInFull)
        {
            await audit.RetireeDeniedAsync(null, "无权限的账户请求下载导入预览", cancellationToken);
            return Results.Forbid();
        }

        if (previews.Find(key, user.UserName) is not { } preview)
        {
            return Results.NotFound("导入预览已过期或不存在，请重新上传文件。");
        }

        var columns = new List<XlsxColumn> { new("原行号", 8), new("处理结果", 10), new("原因或说明", 48) };
        columns.AddRange(preview.Headers.Select((h, i) => new XlsxColumn(h ?? $"第{i + 1}列", Math.Clamp((h?.Length ?? 4) * 2 + 4, 10, 24))));
        SetDownload(context, $"{Path.GetFileNameWithoutExtension(preview.FileName)}-导入预览.xlsx");
        var count = await XlsxWriter.WriteAsync(context.Response.Body, "导入预览", columns, Rows(preview), cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditAction.Export)
        {
            EntityType = nameof(Retiree),
            Details = $"下载导入预览“{preview.FileName}” {count} 行（含上传文件中的完整号码）",
        }, CancellationToken.None);
        return Results.Empty;
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(ImportPreview preview)
    {
        foreach (var row in preview.Rows)
        {
            var outcome = row.Outcome;
            var note = outcome switch
            {
                ImportOutcome.Refused => row.Reasons,
                ImportOutcome.Update when row.EarlierRow is { } earlier => $"补充第 {earlier} 行的同一人",
                ImportOutcome.Update => "更改：" + string.Join("、", row.ChangesFor(row.Target!)),
                _ => row.Duplicate,
            };
            if (outcome != ImportOutcome.Refused && row.Duplicate is { } duplicate && note != duplicate)
            {
                note = $"{duplicate}；{note}";
            }

            var cells = new object?[3 + preview.Headers.Length];
            cells[0] = row.Number;
            cells[1] = EnumLabelOf(outcome);
            cells[2] = note;
            for (var i = 0; i < preview.Headers.Length && i < row.Cells.Length; i++)
            {
                cells[3 + i] = row.Cells[i];
            }

            yield return cells;
        }

        await Task.CompletedTask;
    }

    public static string EnumLabelOf(ImportOutcome outcome) => Domain.Common.EnumLabel.Of(outcome);

    private static async IAsyncEnumerable<IReadOnlyList<object?>> One(object?[] row)
    {
        yield return row;
        await Task.CompletedTask;
    }

    private static void SetDownload(HttpContext context, string fileName)
    {
        context.Response.ContentType = SheetContentType;
        context.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = string.Concat(fileName.Where(c => !Path.GetInvalidFileNameChars().Contains(c))),
        }.ToString();
    }
}
