using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

/// <summary>
/// The register's default order (units in their order, then each unit's people by pinyin) from indexes: SQLite walks
/// the units by sort order and each unit's people in index order, so a page no longer sorts the whole register; the
/// index covers what a page of ids needs (alive or not), so a deep page walks the index and reads 20 rows.
/// </summary>
[DbContext(typeof(IntranetDbContext))]
[Migration("20261130000001_DefaultOrderIndexes")]
public sealed class DefaultOrderIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Retirees_UnitId_Name", "Retirees");
        migrationBuilder.CreateIndex("IX_Retirees_UnitId_NamePinyin_Name_Id_IsDeceased", "Retirees", ["UnitId", "NamePinyin", "Name", "Id", "IsDeceased"]);
        migrationBuilder.CreateIndex("IX_Units_SortOrder", "Units", "SortOrder");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Units_SortOrder", "Units");
        migrationBuilder.DropIndex("IX_Retirees_UnitId_NamePinyin_Name_Id_IsDeceased", "Retirees");
        migrationBuilder.CreateIndex("IX_Retirees_UnitId_Name", "Retirees", ["UnitId", "Name"]);
    }
}
