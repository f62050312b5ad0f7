using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

/// <summary>Reminders with their natural key, the scheduled jobs' run history, the daily digest claims, and an account's e-mail.</summary>
[DbContext(typeof(IntranetDbContext))]
[Migration("20261206000003_Reminders")]
public sealed class Reminders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Email", table: "Users", maxLength: 100, nullable: true);

        migrationBuilder.CreateTable(
            name: "Reminders",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Kind = table.Column<int>(nullable: false),
                SubjectId = table.Column<int>(nullable: false),
                OccasionOn = table.Column<DateOnly>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                RetireeId = table.Column<int>(nullable: true),
                Detail = table.Column<string>(maxLength: 200, nullable: false),
                Status = table.Column<int>(nullable: false),
                SnoozedUntil = table.Column<DateOnly>(nullable: true),
                ClosedOn = table.Column<DateOnly>(nullable: true),
                ClosedNote = table.Column<string>(maxLength: 100, nullable: true),
                VisitId = table.Column<int>(nullable: true),
                CampaignId = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reminders", x => x.Id);
                table.ForeignKey("FK_Reminders_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Reminders_Visits_VisitId", x => x.VisitId, "Visits", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_Reminders_VisitCampaigns_CampaignId", x => x.CampaignId, "VisitCampaigns", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex("IX_Reminders_Kind_SubjectId_OccasionOn", "Reminders", ["Kind", "SubjectId", "OccasionOn"], unique: true);
        migrationBuilder.CreateIndex("IX_Reminders_Status_DueOn", "Reminders", ["Status", "DueOn"]);
        migrationBuilder.CreateIndex("IX_Reminders_RetireeId_Status", "Reminders", ["RetireeId", "Status"]);
        migrationBuilder.CreateIndex("IX_Reminders_VisitId", "Reminders", "VisitId");
        migrationBuilder.CreateIndex("IX_Reminders_CampaignId", "Reminders", "CampaignId");

        migrationBuilder.CreateTable(
            name: "JobRuns",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                JobName = table.Column<string>(maxLength: 100, nullable: false),
                Trigger = table.Column<int>(nullable: false),
                OfficeDay = table.Column<DateOnly>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                FinishedAt = table.Column<DateTime>(nullable: true),
                Succeeded = table.Column<bool>(nullable: false),
                ItemsRaised = table.Column<int>(nullable: false),
                ItemsClosed = table.Column<int>(nullable: false),
                Summary = table.Column<string>(maxLength: 500, nullable: true),
                Error = table.Column<string>(maxLength: 500, nullable: true),
                ErrorDetail = table.Column<string>(maxLength: 8000, nullable: true),
                Host = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_JobRuns", x => x.Id));

        migrationBuilder.CreateIndex("IX_JobRuns_JobName_StartedAt", "JobRuns", ["JobName", "StartedAt"]);

        migrationBuilder.CreateTable(
            name: "ReminderDigests",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                UserId = table.Column<int>(nullable: false),
                Day = table.Column<DateOnly>(nullable: false),
                Items = table.Column<int>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReminderDigests", x => x.Id);
                table.ForeignKey("FK_ReminderDigests_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_ReminderDigests_UserId_Day", "ReminderDigests", ["UserId", "Day"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ReminderDigests");
        migrationBuilder.DropTable("JobRuns");
        migrationBuilder.DropTable("Reminders");
        migrationBuilder.DropColumn("Email", "Users");
    }
}
