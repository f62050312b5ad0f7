using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Register;
using static Intranet.Web.Platform.Forms.FormText;

namespace Intranet.Web.Register;

/// <summary>
/// What the edit page binds to. Validated in the page and again on the server before anything is saved;
/// birth date and gender are not typed in but read from the ID number, so they cannot disagree with it.
/// </summary>
public sealed class RetireeForm : IValidatableObject
{
    public int? Id { get; set; }

    /// <summary>The version the person started editing; a save against a newer one is refused.</summary>
    public long Version { get; set; }

    [Required(ErrorMessage = "请填写姓名")]
    [StringLength(50, ErrorMessage = "姓名不能超过 50 个字")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "请填写身份证号码")]
    [ResidentId]
    public string? IdNumber { get; set; }

    public bool BirthdayIsLunar { get; set; }

    [StringLength(30, ErrorMessage = "电话不能超过 30 个字符")]
    [RegularExpression(@"^[0-9+\-() ]*$", ErrorMessage = "电话只能包含数字、空格和 + - ( )")]
    public string? Phone { get; set; }

    [StringLength(200, ErrorMessage = "住址不能超过 200 个字")]
    public string? Address { get; set; }

    [StringLength(50)]
    public string? Subdistrict { get; set; }

    [StringLength(50)]
    public string? Community { get; set; }

    [Required(ErrorMessage = "请选择单位")]
    public int? UnitId { get; set; }

    public int? GroupId { get; set; }

    public DateOnly? RetirementDate { get; set; }

    [StringLength(50)]
    public string? FormerPost { get; set; }

    [StringLength(50)]
    public string? Title { get; set; }

    public int? PartyBranchId { get; set; }

    public bool IsAssociationMember { get; set; }

    [StringLength(50)]
    public string? SpouseName { get; set; }

    public DateOnly? MarriageDate { get; set; }

    public bool SpouseIsDeceased { get; set; }

    [StringLength(50)]
    public string? EmergencyContactName { get; set; }

    [StringLength(30, ErrorMessage = "电话不能超过 30 个字符")]
    [RegularExpression(@"^[0-9+\-() ]*$", ErrorMessage = "电话只能包含数字、空格和 + - ( )")]
    public string? EmergencyContactPhone { get; set; }

    [StringLength(20)]
    public string? EmergencyContactRelation { get; set; }

    public HealthStatus HealthStatus { get; set; } = HealthStatus.Good;

    public LivingSituation LivingSituation { get; set; } = LivingSituation.WithSpouse;

    [StringLength(500, ErrorMessage = "健康说明不能超过 500 个字")]
    public string? HealthNotes { get; set; }

    public IEnumerable<CareCategories> CareCategories { get; set; } = [];

    public bool IsDeceased { get; set; }

    public DateOnly? DeathDate { get; set; }

    [StringLength(1000, ErrorMessage = "备注不能超过 1000 个字")]
    public string? Notes { get; set; }

    /// <summary>Today in the office, for "not in the future" checks; set by whoever validates.</summary>
    public DateOnly Today { get; set; } = DateOnly.FromDateTime(DateTime.Today);

    /// <summary>The parsed ID number, when it is valid.</summary>
    public ResidentIdNumber? ParsedId => ResidentIdNumber.TryParse(IdNumber, out var id, out _) ? id : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var birth = ParsedId?.BirthDate;
        if (birth is { } b && Retiree.AgeOn(b, Today) < 40)
        {
            yield return new ValidationResult("按身份证号码计算，此人未满 40 岁，请核对号码", [nameof(IdNumber)]);
        }

        foreach (var (date, field, label) in new[]
        {
            (RetirementDate, nameof(RetirementDate), "退休日期"),
            (MarriageDate, nameof(MarriageDate), "结婚日期"),
            (DeathDate, nameof(DeathDate), "去世日期"),
        })
        {
            if (date > Today)
            {
                yield return new ValidationResult($"{label}不能晚于今天", [field]);
            }
            else if (date is { } d && birth is { } bd && d <= bd)
            {
                yield return new ValidationResult($"{label}不能早于出生日期", [field]);
            }
        }

        if (IsDeceased && DeathDate is null)
        {
            yield return new ValidationResult("已故人员请填写去世日期", [nameof(DeathDate)]);
        }

        if (!IsDeceased && DeathDate is not null)
        {
            yield return new ValidationResult("填写了去世日期，请同时勾选“已故”", [nameof(IsDeceased)]);
        }
    }

    public static RetireeForm From(Retiree r) => new()
    {
        Id = r.Id,
        Version = r.Version,
        Name = r.Name,
        IdNumber = r.IdNumber,
        BirthdayIsLunar = r.BirthdayIsLunar,
        Phone = r.Phone,
        Address = r.Address,
        Subdistrict = r.Subdistrict,
        Community = r.Community,
        UnitId = r.UnitId,
        GroupId = r.GroupId,
        RetirementDate = r.RetirementDate,
        FormerPost = r.FormerPost,
        Title = r.Title,
        PartyBranchId = r.PartyBranchId,
        IsAssociationMember = r.IsAssociationMember,
        SpouseName = r.SpouseName,
        MarriageDate = r.MarriageDate,
        SpouseIsDeceased = r.SpouseIsDeceased,
        EmergencyContactName = r.EmergencyContactName,
        EmergencyContactPhone = r.EmergencyContactPhone,
        EmergencyContactRelation = r.EmergencyContactRelation,
        HealthStatus = r.HealthStatus,
        LivingSituation = r.LivingSituation,
        HealthNotes = r.HealthNotes,
        CareCategories = RegisterLabels.AllCareCategories.Where(c => r.CareCategories.HasFlag(c)).ToList(),
        IsDeceased = r.IsDeceased,
        DeathDate = r.DeathDate,
        Notes = r.Notes,
    };

    /// <summary>Copies the form onto the entity; only call after validation has passed.</summary>
    public void ApplyTo(Retiree r)
    {
        var id = ParsedId ?? throw new InvalidOperationException("The form was not validated.");
        r.Name = Name!.Trim();
        r.IdNumber = id.Value;
        r.BirthDate = id.BirthDate;
        r.Gender = id.Gender;
        r.BirthdayIsLunar = BirthdayIsLunar;
        r.Phone = Clean(Phone);
        r.Address = Clean(Address);
        r.Subdistrict = Clean(Subdistrict);
        r.Community = Clean(Community);
        r.UnitId = UnitId!.Value;
        r.GroupId = GroupId;
        r.RetirementDate = RetirementDate;
        r.FormerPost = Clean(FormerPost);
        r.Title = Clean(Title);
        r.PartyBranchId = PartyBranchId;
        r.IsAssociationMember = IsAssociationMember;
        r.SpouseName = Clean(SpouseName);
        r.MarriageDate = MarriageDate;
        r.SpouseIsDeceased = SpouseIsDeceased;
        r.EmergencyContactName = Clean(EmergencyContactName);
        r.EmergencyContactPhone = Clean(EmergencyContactPhone);
        r.EmergencyContactRelation = Clean(EmergencyContactRelation);
        r.HealthStatus = HealthStatus;
        r.LivingSituation = LivingSituation;
        r.HealthNotes = Clean(HealthNotes);
        r.CareCategories = CareCategories.Aggregate(Domain.Register.CareCategories.None, (all, c) => all | c);
        r.IsDeceased = IsDeceased;
        r.DeathDate = IsDeceased ? DeathDate : null;
        r.Notes = Clean(Notes);
    }
}

/// <summary>
/// Checks the number as it is typed, field by field, so the reason shows beside the field at once rather than
/// after every other field is right (object-level rules only run once the fields pass).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ResidentIdAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var text = value as string;
        if (string.IsNullOrWhiteSpace(text) || ResidentIdNumber.TryParse(text, out _, out var error))
        {
            return ValidationResult.Success;
        }

        return new ValidationResult(error, validationContext.MemberName is { } member ? [member] : null);
    }
}
