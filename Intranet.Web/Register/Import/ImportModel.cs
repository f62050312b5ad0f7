using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Register;

namespace Intranet.Web.Register.Import;

/// <summary>Limits of one import (appsettings section <c>RegisterImport</c>).</summary>
public sealed class RegisterImportOptions
{
    public const string Section = "RegisterImport";

    /// <summary>Data rows one file may hold.</summary>
    public int MaxRows { get; set; } = 200_000;

    /// <summary>The uploaded file's size.</summary>
    public long MaxFileBytes { get; set; } = 60L * 1024 * 1024;

    /// <summary>What an .xlsx may inflate to, all its parts together; a real 200,000-row sheet is well under it.</summary>
    public long MaxUnzippedBytes { get; set; } = 600L * 1024 * 1024;

    /// <summary>Parts of an .xlsx; a workbook of a few sheets has a dozen or two.</summary>
    public int MaxZipEntries { get; set; } = 500;

    /// <summary>People written per save inside the import's transaction (see docs/decisions/0004).</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>What becomes of a row of the sheet.</summary>
public enum ImportOutcome
{
    [Display(Name = "新增")]
    Create = 1,
    [Display(Name = "更新")]
    Update = 2,
    [Display(Name = "无变化")]
    Unchanged = 3,
    [Display(Name = "拒绝")]
    Refused = 4,
    [Display(Name = "跳过")]
    Skipped = 5,
}

/// <summary>What the office chose for a row flagged as a possible duplicate.</summary>
public enum DuplicateChoice
{
    [Display(Name = "更新已有人员")]
    Update = 1,
    [Display(Name = "跳过此行")]
    Skip = 2,
    [Display(Name = "作为另一人新增")]
    Create = 3,
}

/// <summary>A refused cell: the column as the sheet heads it and why, in Chinese.</summary>
public sealed record ImportProblem(string Column, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Column) ? Message : $"{Column}：{Message}";
}

/// <summary>The values a row gives, each <c>null</c> where its cell is blank (a blank cell never clears a value).</summary>
public sealed class ImportedValues
{
    public string? Name { get; set; }

    public ResidentIdNumber? Id { get; set; }

    public int? UnitId { get; set; }

    public int? GroupId { get; set; }

    public int? PartyBranchId { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public string? Subdistrict { get; set; }

    public string? Community { get; set; }

    public DateOnly? RetirementDate { get; set; }

    public string? FormerPost { get; set; }

    public string? Title { get; set; }

    public bool? BirthdayIsLunar { get; set; }

    public bool? IsAssociationMember { get; set; }

    public string? SpouseName { get; set; }

    public DateOnly? MarriageDate { get; set; }

    public bool? SpouseIsDeceased { get; set; }

    public string? EmergencyContactName { get; set; }

    public string? EmergencyContactPhone { get; set; }

    public string? EmergencyContactRelation { get; set; }

    public HealthStatus? HealthStatus { get; set; }

    public LivingSituation? LivingSituation { get; set; }

    public string? HealthNotes { get; set; }

    public CareCategories? CareCategories { get; set; }

    public bool? IsDeceased { get; set; }

    public DateOnly? DeathDate { get; set; }

    public string? Notes { get; set; }

    /// <summary>
    /// Each register field a sheet can change: its label, and how to read the row's value and the person's. One table
    /// drives both the preview's list of changed fields and what the commit writes, so they cannot disagree.
    /// </summary>
    internal static IReadOnlyList<(string Label, Func<ImportedValues, object?> Value, Func<Retiree, object?> Current, Action<Retiree, ImportedValues> Set)> Fields { get; } =
    [
        ("姓名", v => v.Name, r => r.Name, (r, v) => r.Name = v.Name!),
        ("身份证号", v => v.Id?.Value, r => r.IdNumber, (r, v) => { r.IdNumber = v.Id!.Value.Value; r.BirthDate = v.Id.Value.BirthDate; r.Gender = v.Id.Value.Gender; }),
        ("单位", v => v.UnitId, r => r.UnitId, (r, v) => r.UnitId = v.UnitId!.Value),
        ("退休小组", v => v.GroupId, r => r.GroupId, (r, v) => r.GroupId = v.GroupId),
        ("退休支部", v => v.PartyBranchId, r => r.PartyBranchId, (r, v) => r.PartyBranchId = v.PartyBranchId),
        ("联系电话", v => v.Phone, r => r.Phone, (r, v) => r.Phone = v.Phone),
        ("住址", v => v.Address, r => r.Address, (r, v) => r.Address = v.Address),
        ("街道", v => v.Subdistrict, r => r.Subdistrict, (r, v) => r.Subdistrict = v.Subdistrict),
        ("社区", v => v.Community, r => r.Community, (r, v) => r.Community = v.Community),
        ("退休日期", v => v.RetirementDate, r => r.RetirementDate, (r, v) => r.RetirementDate = v.RetirementDate),
        ("原职务", v => v.FormerPost, r => r.FormerPost, (r, v) => r.FormerPost = v.FormerPost),
        ("职称", v => v.Title, r => r.Title, (r, v) => r.Title = v.Title),
        ("按农历过生日", v => v.BirthdayIsLunar, r => r.BirthdayIsLunar, (r, v) => r.BirthdayIsLunar = v.BirthdayIsLunar!.Value),
        ("退教协会员", v => v.IsAssociationMember, r => r.IsAssociationMember, (r, v) => r.IsAssociationMember = v.IsAssociationMember!.Value),
        ("配偶姓名", v => v.SpouseName, r => r.SpouseName, (r, v) => r.SpouseName = v.SpouseName),
        ("结婚日期", v => v.MarriageDate, r => r.MarriageDate, (r, v) => r.MarriageDate = v.MarriageDate),
        ("配偶已故", v => v.SpouseIsDeceased, r => r.SpouseIsDeceased, (r, v) => r.SpouseIsDeceased = v.SpouseIsDeceased!.Value),
        ("紧急联系人", v => v.EmergencyContactName, r => r.EmergencyContactName, (r, v) => r.EmergencyContactName = v.EmergencyContactName),
        ("紧急联系人电话", v => v.EmergencyContactPhone, r => r.EmergencyContactPhone, (r, v) => r.EmergencyContactPhone = v.EmergencyContactPhone),
        ("与本人关系", v => v.EmergencyContactRelation, r => r.EmergencyContactRelation, (r, v) => r.EmergencyContactRelation = v.EmergencyContactRelation),
        ("健康状况", v => v.HealthStatus, r => r.HealthStatus, (r, v) => r.HealthStatus = v.HealthStatus!.Value),
        ("居住情况", v => v.LivingSituation, r => r.LivingSituation, (r, v) => r.LivingSituation = v.LivingSituation!.Value),
        ("健康说明", v => v.HealthNotes, r => r.HealthNotes, (r, v) => r.HealthNotes = v.HealthNotes),
        ("关爱类别", v => v.CareCategories, r => r.CareCategories, (r, v) => r.CareCategories = v.CareCategories!.Value),
        ("已故", v => v.IsDeceased, r => r.IsDeceased, (r, v) => r.IsDeceased = v.IsDeceased!.Value),
        ("去世日期", v => v.DeathDate, r => r.DeathDate, (r, v) => r.DeathDate = v.DeathDate),
        ("备注", v => v.Notes, r => r.Notes, (r, v) => r.Notes = v.Notes),
    ];

    /// <summary>Writes every value the row gives onto <paramref name="retiree"/>; blank cells leave the person's as they are.</summary>
    public void ApplyTo(Retiree retiree)
    {
        ArgumentNullException.ThrowIfNull(retiree);
        foreach (var field in Fields)
        {
            if (field.Value(this) is not null)
            {
                field.Set(retiree, this);
            }
        }
    }

    /// <summary>The labels of the fields this row would change on <paramref name="retiree"/>.</summary>
    public List<string> ChangesTo(Retiree retiree) =>
        [.. Fields.Where(f => f.Value(this) is { } value && !Equals(value, f.Current(retiree))).Select(f => f.Label)];
}

/// <summary>One data row of the sheet, as the preview shows it and the commit writes it.</summary>
public sealed class ImportRow
{
    /// <summary>The row's number in the sheet, as Excel shows it.</summary>
    public int Number { get; init; }

    /// <summary>The cells as the sheet shows them, for the preview's download.</summary>
    public required string?[] Cells { get; init; }

    public ImportedValues Values { get; } = new();

    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Unit and group as matched, for the preview.</summary>
    public string? UnitName { get; set; }

    public string? GroupName { get; set; }

    /// <summary>Why the row may be a person already in the register or earlier in the file; <c>null</c> if not.</summary>
    public string? Duplicate { get; set; }

    /// <summary>The choices the office has for a flagged row; empty for others.</summary>
    public IReadOnlyList<DuplicateChoice> Choices { get; set; } = [];

    public DuplicateChoice Choice { get; set; } = DuplicateChoice.Update;

    /// <summary>The person in the register this row updates (by ID number), as read at preview.</summary>
    internal Retiree? Existing { get; set; }

    /// <summary>A person with the same name and birth date (and another ID number), which the office may choose to update.</summary>
    internal Retiree? SameNameAndBirth { get; set; }

    /// <summary>The earlier row of the same ID number in this file, which this one adds to if chosen.</summary>
    public int? EarlierRow { get; set; }

    /// <summary>The labels of the fields an update changes (never their values: the preview shows no numbers).</summary>
    public List<string> Changes { get; set; } = [];

    public ImportOutcome Outcome => Problems.Count > 0 ? ImportOutcome.Refused
        : Choices.Count > 0 && Choice == DuplicateChoice.Skip ? ImportOutcome.Skipped
        : EarlierRow is not null ? ImportOutcome.Update
        : Target is null ? ImportOutcome.Create
        : ChangesFor(Target).Count == 0 ? ImportOutcome.Unchanged : ImportOutcome.Update;

    /// <summary>The register person this row writes to, per the choice; <c>null</c> for a new person.</summary>
    internal Retiree? Target => Choices.Count > 0 && Choice == DuplicateChoice.Create ? null : Existing ?? (Choice == DuplicateChoice.Update ? SameNameAndBirth : null);

    internal List<string> ChangesFor(Retiree target) => ReferenceEquals(target, Existing) ? Changes : Values.ChangesTo(target);

    public string Reasons => string.Join("；", Problems);
}

/// <summary>A previewed file: its rows, what will become of each, and the columns read or not.</summary>
public sealed class ImportPreview
{
    public required string FileName { get; init; }

    public required string UserName { get; init; }

    /// <summary>The header as the sheet has it, and the row it is on.</summary>
    public required string?[] Headers { get; init; }

    public int HeaderRow { get; init; }

    /// <summary>Columns this register does not keep, listed for the office; their cells are not read.</summary>
    public required IReadOnlyList<string> UnknownColumns { get; init; }

    public required IReadOnlyList<ImportRow> Rows { get; init; }

    private int _committed;

    /// <summary>Claims the preview for one commit: a second click, or a second tab, gets <c>false</c>.</summary>
    internal bool TryClaim() => Interlocked.Exchange(ref _committed, 1) == 0;

    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    public int Flagged => Rows.Count(r => r.Choices.Count > 0 && r.Problems.Count == 0);
}

/// <summary>What a commit wrote.</summary>
public sealed record ImportCounts(int Created, int Updated, int Unchanged, int Skipped, int Refused);
