using Intranet.Domain.Common;

namespace Intranet.Domain.Welfare;

/// <summary>Welfare's words, from the enums' own declarations.</summary>
public static class WelfareLabels
{
    public static string Label(this CaseType type) => EnumLabel.Of(type);

    public static string Label(this CaseStatus status) => EnumLabel.Of(status);

    public static string Label(this VisitOccasion occasion) => EnumLabel.Of(occasion);

    public static string Label(this ClaimStatus status) => EnumLabel.Of(status);

    public static string Label(this VolunteerKind kind) => EnumLabel.Of(kind);

    public static string Label(this HealthCheckStatus status) => EnumLabel.Of(status);
}
