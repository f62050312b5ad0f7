using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Platform.Forms;

public static class CommandSaves
{
    /// <summary>
    /// Saves a command's changes: done, or — when someone saved the record first (its version moved on) —
    /// <see cref="CommandResult.Changed"/> with <paramref name="changed"/>, the area's words for "reload and try again".
    /// </summary>
    public static async Task<CommandResult> SaveOrChangedAsync(this DbContext db, string changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Changed(changed);
        }
    }
}
