using System.Security.Cryptography;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Dashboard;

public sealed record DeviceItem(int Id, string Name, DateTime CreatedAt, string? CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>A new device and its link's secret, which is shown once and kept nowhere.</summary>
public sealed record NewDevice(int Id, string Token)
{
    /// <summary>The secret rides in the fragment, which browsers never send to a server: it stays out of every request log.</summary>
    public string Path => $"/screen/device#{Token}";
}

/// <summary>Display devices for the wall screen: administrators create, list and revoke them; a screen checks its link.</summary>
public sealed class DisplayDevices(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit, TimeProvider time)
{
    // A screen says it is in use at most this often, so a wall of screens does not write on every check.
    private static readonly TimeSpan UseInterval = TimeSpan.FromMinutes(10);

    public async Task<IReadOnlyList<DeviceItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        await DemandAsync("查看大屏设备", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<DisplayDevice>().AsNoTracking().OrderBy(d => d.RevokedAt != null).ThenBy(d => d.Name)
            .Select(d => new DeviceItem(d.Id, d.Name, d.CreatedAt, d.CreatedBy, d.LastUsedAt, d.RevokedAt)).ToListAsync(cancellationToken);
    }

    public async Task<CommandResult<NewDevice>> CreateAsync(string? name, CancellationToken cancellationToken = default)
    {
        await DemandAsync("新建大屏设备", cancellationToken);

        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > DisplayDevice.NameMaxLength)
        {
            return CommandResult.Invalid("Name", "请填写设备名称（不超过 50 个字），如“三楼会议室电视”。").As<NewDevice>();
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var device = new DisplayDevice { Name = trimmed, TokenHash = Hash(token) };
        db.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new NewDevice(device.Id, token));
    }

    public async Task<CommandResult> RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        await DemandAsync("停用大屏设备", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var device = await db.Set<DisplayDevice>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (device is null)
        {
            return CommandResult.Missing();
        }

        device.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        return await db.SaveOrChangedAsync("这台设备刚被他人修改，请重新载入。", cancellationToken);
    }

    /// <summary>The device a screen link belongs to, while it is not revoked; null for anything else. Notes the use.</summary>
    public async Task<int?> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var device = await db.Set<DisplayDevice>().SingleOrDefaultAsync(d => d.TokenHash == hash && d.RevokedAt == null, cancellationToken);
        if (device is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (device.LastUsedAt is not { } used || now - used > UseInterval)
        {
            device.LastUsedAt = now;
            await db.SaveOrChangedAsync(string.Empty, cancellationToken);
        }

        return device.Id;
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private async Task DemandAsync(string action, CancellationToken cancellationToken)
    {
        if (!user.Can(Permissions.CanManageAccounts))
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied) { EntityType = nameof(DisplayDevice), Details = $"非管理员试图{action}" }, cancellationToken);
            throw new UnauthorizedAccessException("只有系统管理员可以管理大屏设备。");
        }
    }
}
