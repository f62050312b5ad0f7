using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Tests.Support;
using Intranet.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Accounts.Administration;

internal static class AdminTestSupport
{
    public static async Task<AppUser> StoredUserAsync(this ITestApp app, int id)
    {
        await using var db = app.Database.CreateContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    public static async Task<List<AuditEntry>> AuditOfAsync(this ITestApp app, string entityType, int id)
    {
        await using var db = app.Database.CreateContext();
        var key = id.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
    }

    public static IReadOnlyList<FieldChange> Changes(this AuditEntry entry) =>
        AuditTrail.Deserialize(entry.Changes);

    public static IntranetDbContext Db(this ITestApp app) => app.Database.CreateContext();
}
