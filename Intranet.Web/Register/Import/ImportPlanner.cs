using Intranet.Domain.Accounts;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register.Import;

/// <summary>
/// Reads a sheet into a preview: finds the header, parses each row's cells, matches units and groups by name, finds
/// the people already in the register (by ID number, or by name and birth date, the deceased included) and what an
/// update would change. Reads only; nothing is written until the office confirms.
/// </summary>
internal sealed class ImportPlanner(IntranetDbContext db, AccessScope scope, DateOnly today)
{
    private const int HeaderSearchRows = 30;
    private const int QueryChunk = 500;

    private List<Unit> _units = [];
    private List<RetireeGroup> _groups = [];
    private List<PartyBranch> _branches = [];

    public async Task<ImportPreview> PlanAsync(RawSheet sheet, string fileName, string userName, RegisterImportOptions options, CancellationToken cancellationToken)
    {
        var (headerIndex, fields, unknown) = FindHeader(sheet);
        UseColumns(fields);
        var header = sheet.Rows[headerIndex];
        var dataRows = sheet.Rows.Skip(headerIndex + 1).ToList();
        if (dataRows.Count == 0)
        {
            throw new ImportFileException($"表格只有表头（第 {header.Number} 行），没有数据行。");
        }

        if (dataRows.Count > options.MaxRows)
        {
            throw new ImportFileException($"表格有 {dataRows.Count:N0} 行数据，超出一次导入的上限 {options.MaxRows:N0} 行。请分成几个文件分别导入。");
        }

        _units = await db.Units.AsNoTracking().ToListAsync(cancellationToken);
        _groups = await db.RetireeGroups.AsNoTracking().ToListAsync(cancellationToken);
        _branches = await db.PartyBranches.AsNoTracking().ToListAsync(cancellationToken);

        var headers = header.Cells.Select(ImportValues.CellText).ToArray();
        var rows = dataRows.Select(r => Parse(r, fields, headers)).ToList();
        await MatchAsync(rows, cancellationToken);

        return new ImportPreview
        {
            FileName = Path.GetFileName(fileName),
            UserName = userName,
            Headers = headers,
            HeaderRow = header.Number,
            UnknownColumns = unknown,
            Rows = rows,
        };
    }

    private static (int Index, ImportField?[] Fields, List<string> Unknown) FindHeader(RawSheet sheet)
    {
        for (var i = 0; i < Math.Min(HeaderSearchRows, sheet.Rows.Count); i++)
        {
            var cells = sheet.Rows[i].Cells;
            var fields = cells.Select(c => ImportColumns.Match(ImportValues.CellText(c))).ToArray();
            if (fields.Count(f => f is not null) < 2)
            {
                // A title row (“××学校退休教工花名册”) or a note above the header.
                continue;
            }

            var missing = new List<string>();
            if (!fields.Contains(ImportField.Name))
            {
                missing.Add("“姓名”");
            }

            if (!fields.Contains(ImportField.IdNumber))
            {
                missing.Add("“身份证号码”");
            }

            if (missing.Count > 0)
            {
                throw new ImportFileException($"表头（第 {sheet.Rows[i].Number} 行）中没有{string.Join("和", missing)}列，无法确定每一行是谁。请在表头写上这一列（可参考导入模板）。");
            }

            // The first column of a field counts; a second (手机 beside 电话) is listed rather than silently mixed in.
            var unknown = new List<string>();
            var seen = new HashSet<ImportField>();
            for (var c = 0; c < fields.Length; c++)
            {
                var text = ImportValues.CellText(cells[c]);
                if (fields[c] is { } field and not ImportField.Ignored && !seen.Add(field))
                {
                    unknown.Add($"{text}（与“{ImportColumns.HeaderOf(field)}”重复，未读取）");
                    fields[c] = null;
                }
                else if (fields[c] is null && text is not null)
                {
                    unknown.Add(text);
                }
            }

            return (i, fields, unknown);
        }

        throw new ImportFileException($"在表格前 {HeaderSearchRows} 行中找不到表头。表头应有“姓名”“身份证号码”等列名（可下载导入模板参考）。");
    }

    private ImportRow Parse(RawRow raw, ImportField?[] fields, string?[] headers)
    {
        var row = new ImportRow { Number = raw.Number, Cells = [.. raw.Cells.Select(ImportValues.CellText)] };
        var v = row.Values;
        object? Cell(ImportField field)
        {
            var index = Array.IndexOf(fields, field);
            return index >= 0 && index < raw.Cells.Length ? raw.Cells[index] : null;
        }

        string Column(ImportField field)
        {
            var index = Array.IndexOf(fields, field);
            return index >= 0 ? headers[index] ?? ImportColumns.HeaderOf(field) : ImportColumns.HeaderOf(field);
        }

        void Problem(ImportField field, string message) => row.Problems.Add(new ImportProblem(Column(field), message));

        string? Text(ImportField field, int maxLength)
        {
            var text = ImportValues.Text(Cell(field));
            if (text is not null && text.Length > maxLength)
            {
                Problem(field, $"超过 {maxLength} 个字（现有 {text.Length} 个）");
                return null;
            }

            return text;
        }

        DateOnly? Date(ImportField field)
        {
            if (Cell(field) is not { } cell || ImportValues.Text(cell) is null)
            {
                return null;
            }

            if (!ImportValues.TryDate(cell, out var date, out _, out var error))
            {
                Problem(field, error!);
                return null;
            }

            return date;
        }

        bool? YesNo(ImportField field)
        {
            var cell = Cell(field);
            if (ImportValues.Text(cell) is null)
            {
                return null;
            }

            var value = ImportValues.YesNo(cell);
            if (value is null)
            {
                Problem(field, $"“{ImportValues.Shorten(ImportValues.Text(cell)!)}”应填“是”或“否”");
            }

            return value;
        }

        string? Phone(ImportField field)
        {
            if (!ImportValues.TryPhone(Cell(field), out var phone, out var error))
            {
                Problem(field, error!);
            }

            return phone;
        }

        v.Name = ImportValues.Name(Cell(ImportField.Name));
        if (v.Name is null)
        {
            Problem(ImportField.Name, "姓名不能为空");
        }
        else if (v.Name.Length > Retiree.NameMaxLength)
        {
            Problem(ImportField.Name, $"姓名超过 {Retiree.NameMaxLength} 个字");
            v.Name = null;
        }

        if (ImportValues.TryIdNumber(Cell(ImportField.IdNumber), out var id, out var idError))
        {
            v.Id = id;
            if (Retiree.AgeOn(id.BirthDate, today) < 40)
            {
                Problem(ImportField.IdNumber, "按身份证号码计算，此人未满 40 岁，请核对号码");
            }
        }
        else
        {
            Problem(ImportField.IdNumber, idError!);
        }

        // Birth date and gender are read from the ID number, as in the form; a column of them is a check on the number.
        if (Cell(ImportField.BirthDate) is { } birthCell && ImportValues.Text(birthCell) is not null)
        {
            if (!ImportValues.TryDate(birthCell, out var birth, out var precision, out var error))
            {
                Problem(ImportField.BirthDate, error!);
            }
            else if (v.Id is { } known && (precision == ImportValues.DatePrecision.Day ? birth != known.BirthDate
                : birth.Year != known.BirthDate.Year || birth.Month != known.BirthDate.Month))
            {
                Problem(ImportField.BirthDate, $"出生日期 {(precision == ImportValues.DatePrecision.Day ? birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : birth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))} 与身份证号码中的出生日期不符，请核对号码或日期");
            }
        }

        if (ImportValues.Text(Cell(ImportField.Gender)) is { } genderText)
        {
            Gender? gender = genderText.ToUpperInvariant() switch { "男" or "M" or "男性" => Gender.Male, "女" or "F" or "女性" => Gender.Female, _ => null };
            if (gender is null)
            {
                Problem(ImportField.Gender, $"性别“{ImportValues.Shorten(genderText)}”应填“男”或“女”");
            }
            else if (v.Id is { } known && known.Gender != gender)
            {
                Problem(ImportField.Gender, "性别与身份证号码（第 17 位）不符，请核对");
            }
        }

        v.Phone = Phone(ImportField.Phone);
        v.Address = Text(ImportField.Address, 200);
        v.Subdistrict = Text(ImportField.Subdistrict, 50);
        v.Community = Text(ImportField.Community, 50);
        v.RetirementDate = Date(ImportField.RetirementDate);
        v.FormerPost = Text(ImportField.FormerPost, 50);
        v.Title = Text(ImportField.Title, 50);
        v.BirthdayIsLunar = YesNo(ImportField.BirthdayIsLunar);
        v.IsAssociationMember = YesNo(ImportField.AssociationMember);
        v.SpouseName = Text(ImportField.SpouseName, 50);
        v.MarriageDate = Date(ImportField.MarriageDate);
        v.SpouseIsDeceased = YesNo(ImportField.SpouseIsDeceased);
        v.EmergencyContactName = Text(ImportField.EmergencyContactName, 50);
        v.EmergencyContactPhone = Phone(ImportField.EmergencyContactPhone);
        v.EmergencyContactRelation = Text(ImportField.EmergencyContactRelation, 20);
        v.HealthNotes = Text(ImportField.HealthNotes, 500);
        v.Notes = Text(ImportField.Notes, 1000);
        v.DeathDate = Date(ImportField.DeathDate);
        v.IsDeceased = YesNo(ImportField.Deceased);
        if (v.DeathDate is not null && v.IsDeceased is null)
        {
            // A death date says it: the office rarely fills in both.
            v.IsDeceased = true;
        }

        if (ImportValues.Text(Cell(ImportField.HealthStatus)) is { } health)
        {
            v.HealthStatus = LabelOf<HealthStatus>(health, new() { ["好"] = HealthStatus.Good, ["健康"] = HealthStatus.Good, ["差"] = HealthStatus.Poor, ["卧床不起"] = HealthStatus.Bedridden, ["瘫痪"] = HealthStatus.Bedridden });
            if (v.HealthStatus is null)
            {
                Problem(ImportField.HealthStatus, $"“{ImportValues.Shorten(health)}”不是可选的健康状况（良好、一般、较差、卧床）");
            }
        }

        if (ImportValues.Text(Cell(ImportField.LivingSituation)) is { } living)
        {
            v.LivingSituation = LabelOf<LivingSituation>(living, new()
            {
                ["独居"] = LivingSituation.Alone, ["一人居住"] = LivingSituation.Alone, ["与配偶"] = LivingSituation.WithSpouse, ["夫妻同住"] = LivingSituation.WithSpouse,
                ["与子女"] = LivingSituation.WithChildren, ["和子女同住"] = LivingSituation.WithChildren, ["养老院"] = LivingSituation.CareHome, ["养老机构"] = LivingSituation.CareHome,
            });
            if (v.LivingSituation is null)
            {
                Problem(ImportField.LivingSituation, $"“{ImportValues.Shorten(living)}”不是可选的居住情况（与配偶同住、与子女同住、独自居住、入住养老机构、其他）");
            }
        }

        if (ImportValues.Text(Cell(ImportField.CareCategories)) is { } care)
        {
            v.CareCategories = Care(care, out var unknownCare);
            if (unknownCare.Count > 0)
            {
                Problem(ImportField.CareCategories, $"不认识的关爱类别“{string.Join("、", unknownCare.Select(ImportValues.Shorten))}”；可填：{string.Join("、", RegisterLabels.AllCareCategories.Select(c => c.Label()))}，用顿号隔开");
            }
        }

        CheckDates(row, v, Column);
        return row;
    }

    private void CheckDates(ImportRow row, ImportedValues v, Func<ImportField, string> column)
    {
        var birth = v.Id?.BirthDate;
        foreach (var (date, field, label) in new[]
        {
            (v.RetirementDate, ImportField.RetirementDate, "退休日期"),
            (v.MarriageDate, ImportField.MarriageDate, "结婚日期"),
            (v.DeathDate, ImportField.DeathDate, "去世日期"),
        })
        {
            if (date > today)
            {
                row.Problems.Add(new ImportProblem(column(field), $"{label}不能晚于今天"));
            }
            else if (date is { } d && birth is { } b && d <= b)
            {
                row.Problems.Add(new ImportProblem(column(field), $"{label}不能早于出生日期"));
            }
        }

        if (v.IsDeceased == false && v.DeathDate is not null)
        {
            row.Problems.Add(new ImportProblem(column(ImportField.Deceased), "填写了去世日期，状态却是“健在”，请核对"));
        }
    }

    private static T? LabelOf<T>(string text, Dictionary<string, T> aliases)
        where T : struct, Enum
    {
        var key = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var value in Enum.GetValues<T>())
        {
            if (EnumLabel.Of(value) == key)
            {
                return value;
            }
        }

        return aliases.TryGetValue(key, out var alias) ? alias : null;
    }

    private static CareCategories Care(string text, out List<string> unknown)
    {
        unknown = [];
        var result = CareCategories.None;
        foreach (var part in text.Split(['、', ',', '，', ';', '；', '/', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var found = RegisterLabels.AllCareCategories.FirstOrDefault(c => c.Label() == part || c.Label().Split('/').Contains(part));
            if (found != CareCategories.None)
            {
                result |= found;
                continue;
            }

            switch (part)
            {
                case "孤老" or "孤寡老人":
                    result |= CareCategories.Solitary;
                    break;
                case "重病" or "长期患病" or "大病":
                    result |= CareCategories.SeriouslyIll;
                    break;
                case "失能" or "体残" or "残疾":
                    result |= CareCategories.Disabled;
                    break;
                case "困难户" or "生活困难":
                    result |= CareCategories.Hardship;
                    break;
                case "无" or RegisterLabels.VeryOldLabel:
                    // Very old follows from the birth date; it is never stored.
                    break;
                default:
                    unknown.Add(part);
                    break;
            }
        }

        return result;
    }

    private async Task MatchAsync(List<ImportRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Where(r => r.Values.Id is not null).Select(r => r.Values.Id!.Value.Value).Distinct().ToList();
        var byId = new Dictionary<string, Retiree>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(QueryChunk))
        {
            foreach (var retiree in await db.Retirees.AsNoTracking().Where(r => chunk.Contains(r.IdNumber)).ToListAsync(cancellationToken))
            {
                byId[retiree.IdNumber] = retiree;
            }
        }

        var names = rows.Where(r => r.Values.Name is not null).Select(r => r.Values.Name!).Distinct().ToList();
        var byNameAndBirth = new Dictionary<(string, DateOnly), List<Retiree>>();
        foreach (var chunk in names.Chunk(QueryChunk))
        {
            foreach (var retiree in await db.Retirees.AsNoTracking().Where(r => chunk.Contains(r.Name)).ToListAsync(cancellationToken))
            {
                var key = (retiree.Name, retiree.BirthDate);
                if (!byNameAndBirth.TryGetValue(key, out var list))
                {
                    byNameAndBirth[key] = list = [];
                }

                list.Add(retiree);
            }
        }

        var firstById = new Dictionary<string, ImportRow>(StringComparer.Ordinal);
        var firstByNameAndBirth = new Dictionary<(string, DateOnly), ImportRow>();
        foreach (var row in rows)
        {
            var v = row.Values;
            if (v.Id is not { } id || v.Name is null)
            {
                ResolveUnit(row, null);
                continue;
            }

            var existing = byId.GetValueOrDefault(id.Value);
            if (existing is not null && !Covers(existing))
            {
                // Deliberately not saying where or who: the person lies outside this officer's scope.
                row.Problems.Add(new ImportProblem(ImportColumns.HeaderOf(ImportField.IdNumber), "该身份证号码已在名册中登记，但不属于您管理的单位；如有疑问请联系区退管会核实"));
                continue;
            }

            ResolveUnit(row, existing);
            if (row.Problems.Count > 0)
            {
                continue;
            }

            if (firstById.TryGetValue(id.Value, out var earlier))
            {
                row.EarlierRow = earlier.Number;
                row.Existing = existing;
                row.Duplicate = $"与本表第 {earlier.Number} 行的身份证号码相同";
                row.Choices = [DuplicateChoice.Update, DuplicateChoice.Skip];
                row.Choice = DuplicateChoice.Skip;
                continue;
            }

            firstById[id.Value] = row;
            var nameKey = (v.Name, id.BirthDate);
            if (existing is not null)
            {
                row.Existing = existing;
                row.Changes = v.ChangesTo(existing);
                if (row.Changes.Count > 0)
                {
                    row.Duplicate = existing.IsDeceased ? "名册中已有此身份证号码（已故人员）" : "名册中已有此身份证号码";
                    row.Choices = [DuplicateChoice.Update, DuplicateChoice.Skip];
                    row.Choice = DuplicateChoice.Update;
                }

                firstByNameAndBirth.TryAdd(nameKey, row);
                continue;
            }

            if (firstByNameAndBirth.TryGetValue(nameKey, out var sameInFile))
            {
                row.Duplicate = $"与本表第 {sameInFile.Number} 行姓名、出生日期相同，身份证号码不同";
                row.Choices = [DuplicateChoice.Create, DuplicateChoice.Skip];
                row.Choice = DuplicateChoice.Skip;
                continue;
            }

            firstByNameAndBirth[nameKey] = row;
            if (byNameAndBirth.TryGetValue(nameKey, out var same))
            {
                var inScope = same.Where(Covers).ToList();
                var deceased = same.Any(r => r.IsDeceased) ? "（含已故人员）" : string.Empty;
                row.Duplicate = same.Count == 1 && inScope.Count == 1
                    ? $"名册中已有同名、出生日期相同的人员{deceased}，身份证号码不同"
                    : $"名册中已有 {same.Count} 位同名、出生日期相同的人员{deceased}，身份证号码不同{(inScope.Count < same.Count ? "（部分不在您的管理范围内）" : string.Empty)}";

                // Updating the other record is offered only when it is one person, in scope: that changes their ID number.
                if (same.Count == 1 && inScope.Count == 1)
                {
                    row.SameNameAndBirth = inScope[0];
                    row.Choices = [DuplicateChoice.Update, DuplicateChoice.Create, DuplicateChoice.Skip];
                }
                else
                {
                    row.Choices = [DuplicateChoice.Create, DuplicateChoice.Skip];
                }

                row.Choice = DuplicateChoice.Skip;
            }
        }
    }

    private bool Covers(Retiree retiree) => scope.Covers(retiree.UnitId, retiree.GroupId);

    /// <summary>
    /// The row's unit and group by name: exactly after normalising, or the one name that contains or is contained
    /// in it; otherwise refused with the closest names. Nothing is ever created. A unit officer's rows are their unit's.
    /// </summary>
    private void ResolveUnit(ImportRow row, Retiree? existing)
    {
        var v = row.Values;
        var unitColumn = ImportColumns.HeaderOf(ImportField.Unit);
        var unitText = ImportValues.Text(CellOf(row, ImportField.Unit));
        Unit? unit = null;
        if (unitText is not null)
        {
            unit = Closest(_units, u => u.Name, unitText, out var suggestions);
            if (unit is null)
            {
                row.Problems.Add(new ImportProblem(unitColumn, $"名册中没有单位“{ImportValues.Shorten(unitText)}”{Offer(suggestions)}。导入不会新建单位，请改成名册中的单位名称，或请管理员先添加该单位"));
                return;
            }
        }

        if (scope.Kind == ScopeKind.Unit)
        {
            var own = _units.First(u => u.Id == scope.UnitId);
            if (unit is not null && unit.Id != own.Id)
            {
                row.Problems.Add(new ImportProblem(unitColumn, $"您只能导入本单位（{own.Name}）的退休教工，此行的单位是“{unit.Name}”"));
                return;
            }

            unit = own;
        }
        else if (scope.Kind != ScopeKind.All)
        {
            row.Problems.Add(new ImportProblem(string.Empty, "您的账户没有导入名册的权限"));
            return;
        }

        unit ??= existing is null ? null : _units.FirstOrDefault(u => u.Id == existing.UnitId);
        if (unit is null)
        {
            row.Problems.Add(new ImportProblem(unitColumn, "请填写所在单位"));
            return;
        }

        v.UnitId = unit.Id;
        row.UnitName = unit.Name;

        var groupText = ImportValues.Text(CellOf(row, ImportField.Group));
        if (groupText is not null)
        {
            var group = Closest(_groups.Where(g => g.UnitId == unit.Id).ToList(), g => g.Name, groupText, out var suggestions);
            if (group is null)
            {
                row.Problems.Add(new ImportProblem(ImportColumns.HeaderOf(ImportField.Group), $"{unit.Name}没有退休小组“{ImportValues.Shorten(groupText)}”{Offer(suggestions)}。导入不会新建小组，请改成已有的小组名称，或先在“单位与小组”中添加"));
            }
            else
            {
                v.GroupId = group.Id;
                row.GroupName = group.Name;
            }
        }
        else if (existing is not null && existing.UnitId != unit.Id)
        {
            // Moved to another unit without a group named: the old unit's group cannot come along.
            v.GroupId = null;
        }
        else if (existing is not null)
        {
            row.GroupName = _groups.FirstOrDefault(g => g.Id == existing.GroupId)?.Name;
        }

        var branchText = ImportValues.Text(CellOf(row, ImportField.PartyBranch));
        if (branchText is not null)
        {
            var branch = Closest(_branches, b => b.Name, branchText, out var suggestions);
            if (branch is null)
            {
                row.Problems.Add(new ImportProblem(ImportColumns.HeaderOf(ImportField.PartyBranch), $"名册中没有退休支部“{ImportValues.Shorten(branchText)}”{Offer(suggestions)}"));
            }
            else
            {
                v.PartyBranchId = branch.Id;
            }
        }
    }

    // The row's raw cell of a field is kept only as shown text; matching names needs no more than that.
    private string? CellOf(ImportRow row, ImportField field) => _fieldIndex.TryGetValue(field, out var i) && i < row.Cells.Length ? row.Cells[i] : null;

    private Dictionary<ImportField, int> _fieldIndex = [];

    internal void UseColumns(ImportField?[] fields)
    {
        _fieldIndex = [];
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is { } field)
            {
                _fieldIndex.TryAdd(field, i);
            }
        }
    }

    // Organisation names compared for every row: each normalised once per import.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> NameKeys = [];

    private static string NameKeyOf(string name) => NameKeys.GetValue(name, ImportValues.NameKey);

    private static T? Closest<T>(IReadOnlyList<T> items, Func<T, string> name, string text, out List<string> suggestions)
        where T : class
    {
        suggestions = [];
        var key = ImportValues.NameKey(text);
        var exact = items.Where(i => NameKeyOf(name(i)) == key).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        // 石室中学 for 成都市石室中学, 一组 for 第一组: one name holding the other, if only one does.
        var containing = key.Length >= 2 ? items.Where(i => NameKeyOf(name(i)) is var k && (k.Contains(key, StringComparison.Ordinal) || key.Contains(k, StringComparison.Ordinal))).ToList() : [];
        if (containing.Count == 1)
        {
            return containing[0];
        }

        suggestions = [.. items.Select(i => (Name: name(i), Distance: ImportValues.Distance(NameKeyOf(name(i)), key)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal).Take(3).Select(x => x.Name)];
        return null;
    }

    private static string Offer(List<string> suggestions) =>
        suggestions.Count == 0 ? string.Empty : $"，相近的有：{string.Join("、", suggestions.Select(s => $"“{s}”"))}";
}
