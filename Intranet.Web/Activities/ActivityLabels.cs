using Intranet.Domain.Activities;
using Intranet.Domain.Common;

namespace Intranet.Web.Activities;

public static class ActivityLabels
{
    public static string Label(this ActivityKind kind) => EnumLabel.Of(kind);

    public static string Label(this ParticipationStatus status) => EnumLabel.Of(status);
}
