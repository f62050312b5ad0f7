using System.Globalization;
using Intranet.Domain.Audit;
using Intranet.Domain.Welfare;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Spreadsheets;

namespace Intranet.Web.Welfare;

/// <summary>A campaign's list as Excel: one unit's part or every part the reader may see, numbers masked as the role requires.</summary>
public static class CampaignExport
{
    public static string Url(int campaignId, int? unitId) =>
        unitId is { } unit ? $"/welfare/campaigns/{campaignId}/export?unit={unit}" : $"/welfare/campaigns/{campaignId}/export";

    public static IEndpointRouteBuilder MapCampaignExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/welfare/campaigns/{id:int}/export", ExportAsync).RequireAuthorization(Policies.ReadWelfare);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(int id, int? unit, HttpContext context, CampaignService campaigns, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await campaigns.GetAsync(id, cancellationToken) is not { } campaign)
        {
            return Results.NotFound();
        }

        var entries = await campaigns.EntriesAsync(id, unit, cancellationToken);
        context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        var scope = unit is null ? "全部单位" : entries.Count > 0 ? entries[0].UnitName : "本单位";
        context.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = string.Concat($"{campaign.Name}-{scope}-慰问名单.xlsx".Where(c => !Path.GetInvalidFileNameChars().Contains(c))),
        }.ToString();

        XlsxColumn[] columns =
        [
            new("单位", 26), new("姓名", 10), new("年龄", 6), new("住址", 32), new("联系电话", 15), new("慰问日期", 12), new("签收", 12),
        ];
        var count = await XlsxWriter.WriteAsync(context.Response.Body, "慰问名单", columns, Rows(entries), cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditAction.Export)
        {
            EntityType = nameof(CampaignEntry),
            Details = string.Create(CultureInfo.InvariantCulture, $"导出慰问名单“{campaign.Name}”（{scope}）{count} 条；电话已遮盖"),
        }, CancellationToken.None);
        return Results.Empty;
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IReadOnlyList<CampaignEntryItem> entries)
    {
        await Task.CompletedTask;
        foreach (var e in entries)
        {
            yield return [e.UnitName, e.Name, e.Age, e.Address, e.Phone, e.VisitedOn, null];
        }
    }
}
