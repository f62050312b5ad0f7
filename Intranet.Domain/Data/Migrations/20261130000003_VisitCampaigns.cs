using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

/// <summary>Visit campaigns and their frozen, per-unit lists.</summary>
[DbContext(typeof(IntranetDbContext))]
[Migration("20261130000003_VisitCampaigns")]
public sealed class VisitCampaigns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "VisitCampaigns",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Occasion = table.Column<int>(nullable: false),
                StartsOn = table.Column<DateOnly>(nullable: false),
                EndsOn = table.Column<DateOnly>(nullable: false),
                Cohort = table.Column<string>(maxLength: 300, nullable: false),
                Gift = table.Column<string>(maxLength: 100, nullable: true),
                AmountFen = table.Column<long>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_VisitCampaigns", x => x.Id));

        migrationBuilder.CreateTable(
            name: "CampaignEntries",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                CampaignId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: false),
                UnitId = table.Column<int>(nullable: false),
                VisitId = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CampaignEntries", x => x.Id);
                table.ForeignKey("FK_CampaignEntries_VisitCampaigns_CampaignId", x => x.CampaignId, "VisitCampaigns", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CampaignEntries_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CampaignEntries_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CampaignEntries_Visits_VisitId", x => x.VisitId, "Visits", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex("IX_VisitCampaigns_StartsOn", "VisitCampaigns", "StartsOn");
        migrationBuilder.CreateIndex("IX_CampaignEntries_CampaignId_RetireeId", "CampaignEntries", ["CampaignId", "RetireeId"], unique: true);
        migrationBuilder.CreateIndex("IX_CampaignEntries_CampaignId_UnitId_VisitId", "CampaignEntries", ["CampaignId", "UnitId", "VisitId"]);
        migrationBuilder.CreateIndex("IX_CampaignEntries_RetireeId", "CampaignEntries", "RetireeId");
        migrationBuilder.CreateIndex("IX_CampaignEntries_VisitId", "CampaignEntries", "VisitId");
        migrationBuilder.CreateIndex("IX_CampaignEntries_UnitId", "CampaignEntries", "UnitId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("CampaignEntries");
        migrationBuilder.DropTable("VisitCampaigns");
    }
}
