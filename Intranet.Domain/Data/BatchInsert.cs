using Microsoft.EntityFrameworkCore;

namespace Intranet.Domain.Data;

internal static class BatchInsert
{
    /// <summary>
    /// Inserts in batches, each saved and then let go of, so the change tracker stays lean over a large insert
    /// (demo data, seeding). The saved objects keep their generated keys.
    /// </summary>
    public static async Task InsertInBatchesAsync<T>(this DbContext db, IEnumerable<T> entities, int batchSize, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var batch in entities.Chunk(batchSize))
        {
            db.Set<T>().AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
