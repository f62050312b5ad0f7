using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

// Rows that exist already get empty keys here; start-up fills them in (DatabaseStartup), since the keys are
// computed in .NET from the pinyin table, not in SQL.
[DbContext(typeof(IntranetDbContext))]
[Migration("20261122000003_RetireeNamePinyin")]
public sealed class RetireeNamePinyin : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("NamePinyin", "Retirees", maxLength: 200, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>("NameInitials", "Retirees", maxLength: 50, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>("NamePinyinCompact", "Retirees", maxLength: 200, nullable: false, defaultValue: "");

        migrationBuilder.CreateIndex("IX_Retirees_NamePinyin", "Retirees", "NamePinyin");
        migrationBuilder.CreateIndex("IX_Retirees_NameInitials", "Retirees", "NameInitials");
        migrationBuilder.CreateIndex("IX_Retirees_NamePinyinCompact", "Retirees", "NamePinyinCompact");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Retirees_NamePinyinCompact", "Retirees");
        migrationBuilder.DropIndex("IX_Retirees_NameInitials", "Retirees");
        migrationBuilder.DropIndex("IX_Retirees_NamePinyin", "Retirees");
        migrationBuilder.DropColumn("NamePinyinCompact", "Retirees");
        migrationBuilder.DropColumn("NameInitials", "Retirees");
        migrationBuilder.DropColumn("NamePinyin", "Retirees");
    }
}
