using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

/// <summary>Welfare casework (cases, follow-ups, payments in fen), volunteer pairings, visits and condolence tasks.</summary>
[DbContext(typeof(IntranetDbContext))]
[Migration("20261130000002_Welfare")]
public sealed class Welfare : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WelfareCases",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                RetireeId = table.Column<int>(nullable: false),
                Type = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: false),
                Officer = table.Column<string>(maxLength: 50, nullable: false),
                CommunityContact = table.Column<string>(maxLength: 100, nullable: true),
                Status = table.Column<int>(nullable: false),
                OpenedOn = table.Column<DateOnly>(nullable: false),
                NextFollowUpOn = table.Column<DateOnly>(nullable: true),
                ClosedOn = table.Column<DateOnly>(nullable: true),
                ClosingReason = table.Column<string>(maxLength: 200, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WelfareCases", x => x.Id);
                table.ForeignKey("FK_WelfareCases_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CaseFollowUps",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                CaseId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                Note = table.Column<string>(maxLength: 1000, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CaseFollowUps", x => x.Id);
                table.ForeignKey("FK_CaseFollowUps_WelfareCases_CaseId", x => x.CaseId, "WelfareCases", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CaseFollowUps_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CasePayments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                CaseId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: false),
                PaidOn = table.Column<DateOnly>(nullable: false),
                AmountFen = table.Column<long>(nullable: false),
                ApprovedBy = table.Column<string>(maxLength: 50, nullable: false),
                Note = table.Column<string>(maxLength: 200, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CasePayments", x => x.Id);
                table.ForeignKey("FK_CasePayments_WelfareCases_CaseId", x => x.CaseId, "WelfareCases", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CasePayments_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Pairings",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                RetireeId = table.Column<int>(nullable: false),
                Volunteer = table.Column<string>(maxLength: 50, nullable: false),
                Kind = table.Column<int>(nullable: false),
                StartsOn = table.Column<DateOnly>(nullable: false),
                EndsOn = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Pairings", x => x.Id);
                table.ForeignKey("FK_Pairings_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Visits",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                RetireeId = table.Column<int>(nullable: false),
                VisitedOn = table.Column<DateOnly>(nullable: false),
                Occasion = table.Column<int>(nullable: false),
                Visitors = table.Column<string>(maxLength: 100, nullable: false),
                Gift = table.Column<string>(maxLength: 100, nullable: true),
                AmountFen = table.Column<long>(nullable: true),
                Notes = table.Column<string>(maxLength: 1000, nullable: true),
                CaseId = table.Column<int>(nullable: true),
                PairingId = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Visits", x => x.Id);
                table.ForeignKey("FK_Visits_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Visits_WelfareCases_CaseId", x => x.CaseId, "WelfareCases", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_Visits_Pairings_PairingId", x => x.PairingId, "Pairings", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateTable(
            name: "CondolenceTasks",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                RetireeId = table.Column<int>(nullable: false),
                DeathDate = table.Column<DateOnly>(nullable: true),
                VisitId = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CondolenceTasks", x => x.Id);
                table.ForeignKey("FK_CondolenceTasks_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CondolenceTasks_Visits_VisitId", x => x.VisitId, "Visits", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex("IX_WelfareCases_RetireeId_OpenedOn", "WelfareCases", ["RetireeId", "OpenedOn"]);
        migrationBuilder.CreateIndex("IX_WelfareCases_Status_NextFollowUpOn", "WelfareCases", ["Status", "NextFollowUpOn"]);
        migrationBuilder.CreateIndex("IX_WelfareCases_Type_OpenedOn", "WelfareCases", ["Type", "OpenedOn"]);
        migrationBuilder.CreateIndex("IX_CaseFollowUps_CaseId_Date", "CaseFollowUps", ["CaseId", "Date"]);
        migrationBuilder.CreateIndex("IX_CaseFollowUps_RetireeId", "CaseFollowUps", "RetireeId");
        migrationBuilder.CreateIndex("IX_CasePayments_CaseId_PaidOn", "CasePayments", ["CaseId", "PaidOn"]);
        migrationBuilder.CreateIndex("IX_CasePayments_PaidOn_RetireeId", "CasePayments", ["PaidOn", "RetireeId"]);
        migrationBuilder.CreateIndex("IX_CasePayments_RetireeId", "CasePayments", "RetireeId");
        migrationBuilder.CreateIndex("IX_Visits_RetireeId_VisitedOn", "Visits", ["RetireeId", "VisitedOn"]);
        migrationBuilder.CreateIndex("IX_Visits_VisitedOn_Occasion_RetireeId_AmountFen", "Visits", ["VisitedOn", "Occasion", "RetireeId", "AmountFen"]);
        migrationBuilder.CreateIndex("IX_Visits_CaseId", "Visits", "CaseId");
        migrationBuilder.CreateIndex("IX_Visits_PairingId", "Visits", "PairingId");
        migrationBuilder.CreateIndex("IX_Pairings_RetireeId_StartsOn", "Pairings", ["RetireeId", "StartsOn"]);
        migrationBuilder.CreateIndex("IX_CondolenceTasks_RetireeId", "CondolenceTasks", "RetireeId", unique: true);
        migrationBuilder.CreateIndex("IX_CondolenceTasks_VisitId_DeathDate", "CondolenceTasks", ["VisitId", "DeathDate"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("CondolenceTasks");
        migrationBuilder.DropTable("Visits");
        migrationBuilder.DropTable("Pairings");
        migrationBuilder.DropTable("CasePayments");
        migrationBuilder.DropTable("CaseFollowUps");
        migrationBuilder.DropTable("WelfareCases");
    }
}
