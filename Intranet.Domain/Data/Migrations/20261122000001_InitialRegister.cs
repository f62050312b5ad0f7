using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

// Written by hand: the EF design package does not restore here (docs/decisions/0002-hand-written-migrations.md).
// Column types are left to the provider so the same migration serves another database.
[DbContext(typeof(IntranetDbContext))]
[Migration("20261122000001_InitialRegister")]
public sealed class InitialRegister : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Units",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Kind = table.Column<int>(nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                OfficerName = table.Column<string>(maxLength: 50, nullable: true),
                OfficerPhone = table.Column<string>(maxLength: 30, nullable: true),
                IsActive = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Units", x => x.Id));

        migrationBuilder.CreateTable(
            name: "PartyBranches",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                SecretaryName = table.Column<string>(maxLength: 50, nullable: true),
                SortOrder = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PartyBranches", x => x.Id));

        // Groups and retirees point at each other (a group's leader is a retiree), so the leader key is added last.
        migrationBuilder.CreateTable(
            name: "RetireeGroups",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                UnitId = table.Column<int>(nullable: false),
                LeaderId = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RetireeGroups", x => x.Id);
                table.ForeignKey("FK_RetireeGroups_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Retirees",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                Gender = table.Column<int>(nullable: false),
                IdNumber = table.Column<string>(unicode: false, maxLength: 18, nullable: false),
                BirthDate = table.Column<DateOnly>(nullable: false),
                BirthdayIsLunar = table.Column<bool>(nullable: false),
                Phone = table.Column<string>(maxLength: 30, nullable: true),
                Address = table.Column<string>(maxLength: 200, nullable: true),
                Subdistrict = table.Column<string>(maxLength: 50, nullable: true),
                Community = table.Column<string>(maxLength: 50, nullable: true),
                UnitId = table.Column<int>(nullable: false),
                GroupId = table.Column<int>(nullable: true),
                RetirementDate = table.Column<DateOnly>(nullable: true),
                FormerPost = table.Column<string>(maxLength: 50, nullable: true),
                Title = table.Column<string>(maxLength: 50, nullable: true),
                PartyBranchId = table.Column<int>(nullable: true),
                IsAssociationMember = table.Column<bool>(nullable: false),
                SpouseName = table.Column<string>(maxLength: 50, nullable: true),
                MarriageDate = table.Column<DateOnly>(nullable: true),
                EmergencyContactName = table.Column<string>(maxLength: 50, nullable: true),
                EmergencyContactPhone = table.Column<string>(maxLength: 30, nullable: true),
                EmergencyContactRelation = table.Column<string>(maxLength: 20, nullable: true),
                HealthStatus = table.Column<int>(nullable: false),
                LivingSituation = table.Column<int>(nullable: false),
                HealthNotes = table.Column<string>(maxLength: 500, nullable: true),
                CareCategories = table.Column<int>(nullable: false),
                IsDeceased = table.Column<bool>(nullable: false),
                DeathDate = table.Column<DateOnly>(nullable: true),
                Notes = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Retirees", x => x.Id);
                table.ForeignKey("FK_Retirees_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Retirees_RetireeGroups_GroupId", x => x.GroupId, "RetireeGroups", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_Retirees_PartyBranches_PartyBranchId", x => x.PartyBranchId, "PartyBranches", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex("IX_Units_Name", "Units", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_PartyBranches_Name", "PartyBranches", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_RetireeGroups_UnitId_Name", "RetireeGroups", ["UnitId", "Name"], unique: true);
        migrationBuilder.CreateIndex("IX_RetireeGroups_LeaderId", "RetireeGroups", "LeaderId");
        migrationBuilder.CreateIndex("IX_Retirees_IdNumber", "Retirees", "IdNumber", unique: true);
        migrationBuilder.CreateIndex("IX_Retirees_UnitId_Name", "Retirees", ["UnitId", "Name"]);
        migrationBuilder.CreateIndex("IX_Retirees_GroupId", "Retirees", "GroupId");
        migrationBuilder.CreateIndex("IX_Retirees_PartyBranchId", "Retirees", "PartyBranchId");
        migrationBuilder.CreateIndex("IX_Retirees_Name", "Retirees", "Name");
        migrationBuilder.CreateIndex("IX_Retirees_BirthDate", "Retirees", "BirthDate");

        // SQLite cannot add a foreign key to an existing table; EF rebuilds the table for it.
        migrationBuilder.AddForeignKey(
            "FK_RetireeGroups_Retirees_LeaderId", "RetireeGroups", "LeaderId", "Retirees",
            principalColumn: "Id", onDelete: ReferentialAction.SetNull);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropForeignKey("FK_RetireeGroups_Retirees_LeaderId", "RetireeGroups");
        migrationBuilder.DropTable("Retirees");
        migrationBuilder.DropTable("RetireeGroups");
        migrationBuilder.DropTable("PartyBranches");
        migrationBuilder.DropTable("Units");
    }
}
