using System.Globalization;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.University;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.University;

/// <summary>A term's enrolment as Excel, class by class, streamed row by row; learners as the reader's scope allows.</summary>
public static class UniversityExport
{
    public static string Url(int termId) => $"/university/terms/{termId}/enrolment.xlsx";

    public static IEndpointRouteBuilder MapUniversityExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/university/terms/{id:int}/enrolment.xlsx", ExportAsync).RequireAuthorization(Policies.ReadProgrammes);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        int id, HttpContext context, IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Term>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) is not { } term)
        {
            return Results.NotFound();
        }

        context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        context.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = string.Concat($"{term.Name}-报名名单.xlsx".Where(c => !Path.GetInvalidFileNameChars().Contains(c))),
        }.ToString();

        var rows = user.Scope.Apply(db.Set<Enrolment>().AsNoTracking())
            .Where(e => e.Class!.TermId == id)
            .OrderBy(e => e.Class!.Course!.Name).ThenBy(e => e.Class!.Name).ThenBy(e => e.Status).ThenBy(e => e.Seat).ThenBy(e => e.AppliedAt)
            .Select(e => new ExportRow(
                e.Class!.Course!.Name,
                e.Class.Name,
                e.Status,
                e.Seat,
                e.RetireeId != null ? e.Retiree!.Name : e.Guest!.Name,
                e.RetireeId != null,
                e.RetireeId != null ? e.Retiree!.Unit!.Name : e.Guest!.Community,
                e.AppliedAt,
                e.LeftOn))
            .AsAsyncEnumerable();

        XlsxColumn[] columns =
        [
            new("课程", 14), new("班级", 18), new("状态", 8), new("座号", 6), new("姓名", 10), new("类别", 10), new("单位/社区", 26), new("报名日期", 12), new("退学日期", 12),
        ];
        var count = await XlsxWriter.WriteAsync(context.Response.Body, "报名名单", columns, Select(rows, time.LocalTimeZone), cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditAction.Export)
        {
            EntityType = nameof(Enrolment),
            Details = string.Create(CultureInfo.InvariantCulture, $"导出“{term.Name}”报名名单 {count} 条"),
        }, CancellationToken.None);
        return Results.Empty;
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Select(IAsyncEnumerable<ExportRow> rows, TimeZoneInfo zone)
    {
        await foreach (var e in rows)
        {
            yield return
            [
                e.Course, e.Class, EnumLabel.Of(e.Status), e.Seat, e.Name, e.IsRetiree ? "退休教工" : "社会学员", e.Where,
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(e.AppliedAt, zone)), e.LeftOn,
            ];
        }
    }

    private sealed record ExportRow(
        string Course, string Class, EnrolmentStatus Status, int? Seat, string Name, bool IsRetiree, string? Where, DateTime AppliedAt, DateOnly? LeftOn);
}
