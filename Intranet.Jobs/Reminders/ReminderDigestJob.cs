using System.Net;
using System.Net.Mail;
using System.Text;
using Intranet.Domain.Accounts;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Reminders;
using Intranet.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intranet.Jobs.Reminders;

/// <summary>
/// One mail a day to each account with an address and waiting reminders, listing them (names and reasons, never an
/// ID or phone number). Off unless <c>Reminders:Mail:Host</c> is set. The day's claim is written before sending, so
/// a second run, or a second server, sends nothing twice; a failed send gives its claim up for the next run.
/// </summary>
public sealed class ReminderDigestJob(
    IDbContextFactory<IntranetDbContext> dbFactory,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderDigestJob> logger) : IScheduledJob
{
    private const int MaxLines = 50;

    public async Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mail = options.Value.Mail;
        if (!mail.Enabled)
        {
            return new JobOutcome(0, 0, "未配置邮件服务器（Reminders:Mail:Host），不发送邮件");
        }

        var today = context.OfficeDay;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var readers = new[] { UserRole.DistrictStaff, UserRole.UnitOfficer, UserRole.GroupLeader };
        var users = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Email != null && u.Email != string.Empty && readers.Contains(u.Role))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.Role, u.UnitId, u.GroupId })
            .ToListAsync(cancellationToken);

        int sent = 0, failed = 0;
        Exception? lastError = null;
        foreach (var user in users)
        {
            var scope = AccessScope.For(user.Role, user.UnitId, user.GroupId);
            var waiting = ReminderInbox.Waiting(ReminderInbox.Visible(db.Set<Reminder>().AsNoTracking(), user.Role, scope), today);
            var total = await waiting.CountAsync(cancellationToken);
            if (total == 0)
            {
                continue;
            }

            var lines = await waiting.OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(MaxLines)
                .Select(r => new Line(r.DueOn, r.Kind, r.Retiree == null ? null : r.Retiree.Name, r.Detail))
                .ToListAsync(cancellationToken);

            var claim = new ReminderDigest { UserId = user.Id, Day = today, Items = total };
            db.Add(claim);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Already sent today (an earlier run, or another server right now).
                db.ChangeTracker.Clear();
                continue;
            }

            try
            {
                await SendAsync(mail, user.Email!, user.DisplayName, today, total, lines, cancellationToken);
                claim.SentAt = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is SmtpException or IOException or InvalidOperationException)
            {
                logger.LogWarning(ex, "The reminder digest to account {UserId} could not be sent.", user.Id);
                db.Remove(claim);
                await db.SaveChangesAsync(CancellationToken.None);
                failed++;
                lastError = ex;
            }

            db.ChangeTracker.Clear();
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} 封提醒邮件发送失败（已发送 {sent} 封），下次运行时重试。", lastError);
        }

        return new JobOutcome(sent, 0, sent == 0 ? "今天没有需要发送的提醒邮件" : $"已发送 {sent} 封提醒邮件");
    }

    private static async Task SendAsync(ReminderMail mail, string to, string name, DateOnly today, int total, List<Line> lines, CancellationToken cancellationToken)
    {
        var body = new StringBuilder();
        body.AppendLine(FormattableString.Invariant($"{name}，您好："));
        body.AppendLine();
        body.AppendLine(FormattableString.Invariant($"截至 {today:yyyy年M月d日}，您有 {total} 条待办提醒："));
        foreach (var line in lines)
        {
            var overdue = line.DueOn < today ? "（已过期）" : string.Empty;
            var who = line.Name is null ? string.Empty : line.Name + " ";
            body.AppendLine(FormattableString.Invariant($"· {line.DueOn:M月d日}{overdue} {EnumLabel.Of(line.Kind)}：{who}{line.Detail}"));
        }

        if (total > lines.Count)
        {
            body.AppendLine(FormattableString.Invariant($"……另有 {total - lines.Count} 条，请登录查看。"));
        }

        body.AppendLine();
        body.AppendLine(string.IsNullOrWhiteSpace(mail.AppUrl) ? "请登录退休教工服务平台的“待办提醒”处理。" : $"处理提醒：{mail.AppUrl.TrimEnd('/')}/reminders");
        body.AppendLine("（本邮件由系统每日自动发送，请勿回复。）");

        using var message = new MailMessage(mail.From, to)
        {
            Subject = FormattableString.Invariant($"待办提醒 {total} 条（{today:M月d日}）"),
            Body = body.ToString(),
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        using var client = new SmtpClient(mail.Host, mail.Port) { EnableSsl = mail.EnableSsl };
        if (!string.IsNullOrEmpty(mail.UserName))
        {
            client.Credentials = new NetworkCredential(mail.UserName, mail.Password);
        }

        await client.SendMailAsync(message, cancellationToken);
    }

    private sealed record Line(DateOnly DueOn, ReminderKind Kind, string? Name, string Detail);
}
