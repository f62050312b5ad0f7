using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

/// <summary>Mutual-aid schemes with enrolments and claims, and the annual health check.</summary>
[DbContext(typeof(IntranetDbContext))]
[Migration("20261130000004_MutualAidAndHealthChecks")]
public sealed class MutualAidAndHealthChecks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "MutualAidSchemes",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Year = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                FeeFen = table.Column<long>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_MutualAidSchemes", x => x.Id));

        migrationBuilder.CreateTable(
            name: "SchemeEnrolments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                SchemeId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: false),
                FeePaidFen = table.Column<long>(nullable: false),
                PaidOn = table.Column<DateOnly>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SchemeEnrolments", x => x.Id);
                table.ForeignKey("FK_SchemeEnrolments_MutualAidSchemes_SchemeId", x => x.SchemeId, "MutualAidSchemes", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_SchemeEnrolments_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "SchemeClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                EnrolmentId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: false),
                ClaimedOn = table.Column<DateOnly>(nullable: false),
                AmountFen = table.Column<long>(nullable: false),
                Status = table.Column<int>(nullable: false),
                DecidedOn = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SchemeClaims", x => x.Id);
                table.ForeignKey("FK_SchemeClaims_SchemeEnrolments_EnrolmentId", x => x.EnrolmentId, "SchemeEnrolments", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_SchemeClaims_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "HealthChecks",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                RetireeId = table.Column<int>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CheckedOn = table.Column<DateOnly>(nullable: true),
                Note = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_HealthChecks", x => x.Id);
                table.ForeignKey("FK_HealthChecks_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_MutualAidSchemes_Year_Name", "MutualAidSchemes", ["Year", "Name"], unique: true);
        migrationBuilder.CreateIndex("IX_SchemeEnrolments_SchemeId_RetireeId", "SchemeEnrolments", ["SchemeId", "RetireeId"], unique: true);
        migrationBuilder.CreateIndex("IX_SchemeEnrolments_RetireeId", "SchemeEnrolments", "RetireeId");
        migrationBuilder.CreateIndex("IX_SchemeClaims_EnrolmentId_ClaimedOn", "SchemeClaims", ["EnrolmentId", "ClaimedOn"]);
        migrationBuilder.CreateIndex("IX_SchemeClaims_RetireeId", "SchemeClaims", "RetireeId");
        migrationBuilder.CreateIndex("IX_HealthChecks_RetireeId_Year", "HealthChecks", ["RetireeId", "Year"], unique: true);
        migrationBuilder.CreateIndex("IX_HealthChecks_Year_Status", "HealthChecks", ["Year", "Status"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("HealthChecks");
        migrationBuilder.DropTable("SchemeClaims");
        migrationBuilder.DropTable("SchemeEnrolments");
        migrationBuilder.DropTable("MutualAidSchemes");
    }
}
