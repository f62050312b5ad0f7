using Intranet.Tests.Support;
using Intranet.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Platform;

public sealed class NameKeysBackfillTests : IDisposable
{
    private readonly TestDatabase _database = new TestDatabase().Migrated();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Start_up_fills_the_pinyin_keys_of_rows_saved_before_them_and_touches_nothing_else()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var school = make.Unit();
        var many = make.Retirees(school, 2100); // more than one batch
        var zeng = make.Retiree(school, "曾国藩");

        // As the migration leaves rows that existed before it.
        var emptied = await db.Database.ExecuteSqlRawAsync("UPDATE Retirees SET NamePinyin = '', NameInitials = '', NamePinyinCompact = ''");
        Assert.Equal(2101, emptied);
        var before = await Snapshot(db);
        var auditLines = await db.AuditEntries.CountAsync();

        var filled = await DatabaseStartup.BackfillNameKeysAsync(db, CancellationToken.None);

        Assert.Equal(2101, filled);
        using var check = _database.CreateContext();
        var saved = await check.Retirees.SingleAsync(r => r.Id == zeng.Id);
        Assert.Equal(("zeng guo fan", "zgf", "zengguofan"), (saved.NamePinyin, saved.NameInitials, saved.NamePinyinCompact));
        var lastId = many[^1].Id;
        var last = await check.Retirees.SingleAsync(r => r.Id == lastId);
        Assert.Equal("tui xiu jiao gong 2100", last.NamePinyin);
        Assert.False(await check.Retirees.AnyAsync(r => r.NamePinyin == "" || r.NameInitials == "" || r.NamePinyinCompact == ""));

        // Not an edit: versions, stamps and the audit trail are as they were.
        Assert.Equal(before, await Snapshot(check));
        Assert.Equal(auditLines, await check.AuditEntries.CountAsync());

        Assert.Equal(0, await DatabaseStartup.BackfillNameKeysAsync(check, CancellationToken.None));
    }

    private static Task<List<(int, long, DateTime?, string?)>> Snapshot(Domain.Data.IntranetDbContext db) =>
        db.Retirees.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => ValueTuple.Create(r.Id, r.Version, r.UpdatedAt, r.UpdatedBy))
            .ToListAsync();
}
