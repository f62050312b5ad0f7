using Intranet.Domain.Common;
using Intranet.Domain.Contests;

namespace Intranet.Web.Contests;

/// <summary>The Chinese words of the contests' enums, from their <c>[Display]</c> names.</summary>
public static class ContestLabels
{
    public static string Label(this ClubKind kind) => EnumLabel.Of(kind);

    public static string Label(this ContestKind kind) => EnumLabel.Of(kind);

    public static string Label(this AwardLevel level) => EnumLabel.Of(level);

    public static string Label(this AwardRank rank) => EnumLabel.Of(rank);

    /// <summary>A work's title in 《》, unless it was typed with them.</summary>
    public static string Work(string title) => title.StartsWith('《') ? title : $"《{title}》";

    /// <summary>"省级二等奖", or "未评奖" before a result.</summary>
    public static string Award(AwardLevel? level, AwardRank? rank) =>
        rank is { } r ? (level is { } l ? l.Label() : string.Empty) + r.Label() : "未评奖";
}
