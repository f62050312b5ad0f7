using Intranet.Domain.Audit;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Audit;

public sealed class AuditTrailImmutabilityTests : IDisposable
{
    private readonly TestDatabase _database = new TestDatabase().Migrated();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_context_refuses_to_change_an_audit_line()
    {
        var id = Write("原始内容");
        await using (var db = _database.CreateContext())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == id);
            entry.Details = "篡改";

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.StartsWith("审计日志只能追加", error.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        Assert.Equal("原始内容", Read(id)!.Details);
    }

    [Fact]
    public async Task The_context_refuses_to_delete_an_audit_line()
    {
        var id = Write("要保留的记录");
        await using (var db = _database.CreateContext())
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.StartsWith("审计日志只能追加", error.Message, StringComparison.Ordinal);
        }

        Assert.NotNull(Read(id));
    }

    private long Write(string details)
    {
        using var db = _database.CreateContext();
        var entry = new AuditEntry { At = DateTime.UtcNow, UserName = "tester", Action = AuditAction.Export, Details = details };
        db.AuditEntries.Add(entry);
        db.SaveChanges();
        return entry.Id;
    }

    private AuditEntry? Read(long id)
    {
        using var db = _database.CreateContext();
        return db.AuditEntries.AsNoTracking().SingleOrDefault(a => a.Id == id);
    }
}
