using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

[DbContext(typeof(IntranetDbContext))]
[Migration("20261122000002_AccountsAndAudit")]
public sealed class AccountsAndAudit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                UserName = table.Column<string>(maxLength: 64, nullable: false),
                NormalizedUserName = table.Column<string>(maxLength: 64, nullable: false),
                DisplayName = table.Column<string>(maxLength: 50, nullable: false),
                PasswordHash = table.Column<string>(maxLength: 200, nullable: true),
                SecurityStamp = table.Column<string>(maxLength: 64, nullable: false),
                Role = table.Column<int>(nullable: false),
                UnitId = table.Column<int>(nullable: true),
                GroupId = table.Column<int>(nullable: true),
                MustChangePassword = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
                IsDisabled = table.Column<bool>(nullable: false),
                LastSignInAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Users", x => x.Id);
                table.ForeignKey("FK_Users_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Users_RetireeGroups_GroupId", x => x.GroupId, "RetireeGroups", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                At = table.Column<DateTime>(nullable: false),
                UserName = table.Column<string>(maxLength: 64, nullable: true),
                Action = table.Column<int>(nullable: false),
                EntityType = table.Column<string>(maxLength: 64, nullable: true),
                EntityId = table.Column<string>(maxLength: 64, nullable: true),
                RetireeId = table.Column<int>(nullable: true),
                Subject = table.Column<string>(maxLength: 100, nullable: true),
                Changes = table.Column<string>(nullable: true),
                Details = table.Column<string>(maxLength: 2000, nullable: true),
                IpAddress = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateIndex("IX_Users_NormalizedUserName", "Users", "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_Users_UnitId", "Users", "UnitId");
        migrationBuilder.CreateIndex("IX_Users_GroupId", "Users", "GroupId");
        migrationBuilder.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        migrationBuilder.CreateIndex("IX_AuditEntries_UserName_At", "AuditEntries", ["UserName", "At"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_RetireeId_At", "AuditEntries", ["RetireeId", "At"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_EntityType_EntityId", "AuditEntries", ["EntityType", "EntityId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AuditEntries");
        migrationBuilder.DropTable("Users");
    }
}
