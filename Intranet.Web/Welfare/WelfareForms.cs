using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Welfare;

namespace Intranet.Web.Welfare;

public sealed class CaseForm
{
    public int RetireeId { get; set; }

    [Required(ErrorMessage = "请选择帮扶类型。")]
    public CaseType? Type { get; set; }

    [Required(ErrorMessage = "请填写帮扶原因。")]
    [StringLength(WelfareCase.ReasonMaxLength, ErrorMessage = "帮扶原因不能超过 500 个字。")]
    public string Reason { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写责任人。")]
    [StringLength(50, ErrorMessage = "责任人不能超过 50 个字。")]
    public string Officer { get; set; } = string.Empty;

    [StringLength(100, ErrorMessage = "联系人不能超过 100 个字。")]
    public string? CommunityContact { get; set; }

    [Required(ErrorMessage = "请填写立案日期。")]
    public DateOnly? OpenedOn { get; set; }

    public DateOnly? NextFollowUpOn { get; set; }

    public long Version { get; set; }
}

public sealed class FollowUpForm
{
    [Required(ErrorMessage = "请填写回访日期。")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "请填写回访情况。")]
    [StringLength(1000, ErrorMessage = "回访情况不能超过 1000 个字。")]
    public string Note { get; set; } = string.Empty;

    /// <summary>When to follow up next; empty leaves none planned.</summary>
    public DateOnly? NextFollowUpOn { get; set; }
}

public sealed class PaymentForm
{
    [Required(ErrorMessage = "请填写发放日期。")]
    public DateOnly? PaidOn { get; set; }

    /// <summary>Yuan as typed ("800", "1,234.50"); read into fen by <see cref="Money.TryParseYuan"/>.</summary>
    [Required(ErrorMessage = "请填写金额。")]
    public string Amount { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写审批人。")]
    [StringLength(50, ErrorMessage = "审批人不能超过 50 个字。")]
    public string ApprovedBy { get; set; } = string.Empty;

    [StringLength(200, ErrorMessage = "备注不能超过 200 个字。")]
    public string? Note { get; set; }
}

public sealed class CloseCaseForm
{
    [Required(ErrorMessage = "请填写结案日期。")]
    public DateOnly? ClosedOn { get; set; }

    [Required(ErrorMessage = "请填写结案原因。")]
    [StringLength(200, ErrorMessage = "结案原因不能超过 200 个字。")]
    public string Reason { get; set; } = string.Empty;

    public long Version { get; set; }
}

public sealed class VisitForm
{
    public int RetireeId { get; set; }

    [Required(ErrorMessage = "请填写慰问日期。")]
    public DateOnly? VisitedOn { get; set; }

    [Required(ErrorMessage = "请选择慰问事由。")]
    public VisitOccasion? Occasion { get; set; }

    [Required(ErrorMessage = "请填写慰问人。")]
    [StringLength(100, ErrorMessage = "慰问人不能超过 100 个字。")]
    public string Visitors { get; set; } = string.Empty;

    [StringLength(100, ErrorMessage = "慰问品不能超过 100 个字。")]
    public string? Gift { get; set; }

    /// <summary>Money given, in yuan as typed; empty when none.</summary>
    public string? Amount { get; set; }

    [StringLength(1000, ErrorMessage = "情况记录不能超过 1000 个字。")]
    public string? Notes { get; set; }

    public int? CaseId { get; set; }

    /// <summary>The pairing the visit was made under, if any.</summary>
    public int? PairingId { get; set; }
}

public sealed class PairingForm
{
    public int RetireeId { get; set; }

    [Required(ErrorMessage = "请填写结对人姓名。")]
    [StringLength(50, ErrorMessage = "结对人姓名不能超过 50 个字。")]
    public string Volunteer { get; set; } = string.Empty;

    [Required(ErrorMessage = "请选择结对人身份。")]
    public VolunteerKind? Kind { get; set; }

    [Required(ErrorMessage = "请填写开始日期。")]
    public DateOnly? StartsOn { get; set; }
}

public sealed class WelfareOptions
{
    public const string Section = "Welfare";

    /// <summary>A payment above this many yuan is saved only after a second confirmation.</summary>
    public decimal ConfirmPaymentAboveYuan { get; set; } = 5000m;

    /// <summary>No single payment or gift of money may exceed this many yuan: a typing slip, not a payment.</summary>
    public decimal MaxAmountYuan { get; set; } = 200_000m;
}
