using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

/// <summary>
/// The office's programmes: the elderly university (terms, courses, classes, sessions, guest learners, enrolments
/// with seats and a waiting line, attendance), activities with their participants, clubs and troupes, contests with
/// entries and results; and the register learns whether a spouse has died (golden-wedding eligibility).
/// </summary>
[DbContext(typeof(IntranetDbContext))]
[Migration("20261130000005_Programmes")]
public sealed class Programmes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("SpouseIsDeceased", "Retirees", nullable: false, defaultValue: false);
        migrationBuilder.CreateIndex("IX_Retirees_MarriageDate_NamePinyin", "Retirees", ["MarriageDate", "NamePinyin"]);

        migrationBuilder.CreateTable(
            name: "Terms",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                StartsOn = table.Column<DateOnly>(nullable: false),
                EndsOn = table.Column<DateOnly>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Terms", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Courses",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                Category = table.Column<int>(nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Courses", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "UniversityClasses",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                TermId = table.Column<int>(nullable: false),
                CourseId = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                Teacher = table.Column<string>(maxLength: 50, nullable: true),
                Place = table.Column<string>(maxLength: 100, nullable: true),
                Weekday = table.Column<int>(nullable: false),
                StartTime = table.Column<TimeOnly>(nullable: false),
                EndTime = table.Column<TimeOnly>(nullable: false),
                Capacity = table.Column<int>(nullable: false),
                StartsOn = table.Column<DateOnly>(nullable: false),
                EndsOn = table.Column<DateOnly>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UniversityClasses", x => x.Id);
                table.ForeignKey("FK_UniversityClasses_Terms_TermId", x => x.TermId, "Terms", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_UniversityClasses_Courses_CourseId", x => x.CourseId, "Courses", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ClassSessions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                ClassId = table.Column<int>(nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                IsCancelled = table.Column<bool>(nullable: false),
                Note = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClassSessions", x => x.Id);
                table.ForeignKey("FK_ClassSessions_UniversityClasses_ClassId", x => x.ClassId, "UniversityClasses", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "GuestLearners",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                Phone = table.Column<string>(maxLength: 20, nullable: true),
                Community = table.Column<string>(maxLength: 100, nullable: true),
                BirthYear = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GuestLearners", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Enrolments",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                ClassId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: true),
                GuestId = table.Column<int>(nullable: true),
                Status = table.Column<int>(nullable: false),
                Seat = table.Column<int>(nullable: true),
                AppliedAt = table.Column<DateTime>(nullable: false),
                LeftOn = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Enrolments", x => x.Id);
                table.ForeignKey("FK_Enrolments_UniversityClasses_ClassId", x => x.ClassId, "UniversityClasses", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Enrolments_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Enrolments_GuestLearners_GuestId", x => x.GuestId, "GuestLearners", "Id", onDelete: ReferentialAction.Restrict);
                table.CheckConstraint("CK_Enrolments_OnePerson", "(RetireeId IS NULL) <> (GuestId IS NULL)");
            });

        migrationBuilder.CreateTable(
            name: "Attendances",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                SessionId = table.Column<int>(nullable: false),
                EnrolmentId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: true),
                Mark = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Attendances", x => x.Id);
                table.ForeignKey("FK_Attendances_ClassSessions_SessionId", x => x.SessionId, "ClassSessions", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Attendances_Enrolments_EnrolmentId", x => x.EnrolmentId, "Enrolments", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Attendances_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Activities",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Kind = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 100, nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                Place = table.Column<string>(maxLength: 100, nullable: true),
                OrganiserUnitId = table.Column<int>(nullable: true),
                GuestCount = table.Column<int>(nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Activities", x => x.Id);
                table.ForeignKey("FK_Activities_Units_OrganiserUnitId", x => x.OrganiserUnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ActivityParticipants",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                ActivityId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                SpouseName = table.Column<string>(maxLength: 50, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ActivityParticipants", x => x.Id);
                table.ForeignKey("FK_ActivityParticipants_Activities_ActivityId", x => x.ActivityId, "Activities", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ActivityParticipants_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Clubs",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Name = table.Column<string>(maxLength: 50, nullable: false),
                Kind = table.Column<int>(nullable: false),
                Leader = table.Column<string>(maxLength: 50, nullable: true),
                FoundedOn = table.Column<DateOnly>(nullable: true),
                Meets = table.Column<string>(maxLength: 100, nullable: true),
                IsDisbanded = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Clubs", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ClubMembers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                ClubId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: false),
                Role = table.Column<string>(maxLength: 20, nullable: true),
                JoinedOn = table.Column<DateOnly>(nullable: false),
                LeftOn = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClubMembers", x => x.Id);
                table.ForeignKey("FK_ClubMembers_Clubs_ClubId", x => x.ClubId, "Clubs", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ClubMembers_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Contests",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                Title = table.Column<string>(maxLength: 100, nullable: false),
                Kind = table.Column<int>(nullable: false),
                Organiser = table.Column<string>(maxLength: 100, nullable: true),
                Level = table.Column<int>(nullable: false),
                StartsOn = table.Column<DateOnly>(nullable: false),
                EndsOn = table.Column<DateOnly>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Contests", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ContestEntries",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("SqlServer:Identity", "1, 1"),
                ContestId = table.Column<int>(nullable: false),
                RetireeId = table.Column<int>(nullable: true),
                ClubId = table.Column<int>(nullable: true),
                Title = table.Column<string>(maxLength: 100, nullable: false),
                AwardLevel = table.Column<int>(nullable: true),
                AwardRank = table.Column<int>(nullable: true),
                AwardedOn = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 100, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: true),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ContestEntries", x => x.Id);
                table.ForeignKey("FK_ContestEntries_Contests_ContestId", x => x.ContestId, "Contests", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ContestEntries_Retirees_RetireeId", x => x.RetireeId, "Retirees", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ContestEntries_Clubs_ClubId", x => x.ClubId, "Clubs", "Id", onDelete: ReferentialAction.Restrict);
                table.CheckConstraint("CK_ContestEntries_OneEntrant", "(RetireeId IS NULL) <> (ClubId IS NULL)");
            });

        migrationBuilder.CreateIndex("IX_Terms_Name", "Terms", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_Terms_StartsOn", "Terms", "StartsOn");
        migrationBuilder.CreateIndex("IX_Courses_Name", "Courses", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_UniversityClasses_TermId_Name", "UniversityClasses", ["TermId", "Name"], unique: true);
        migrationBuilder.CreateIndex("IX_UniversityClasses_CourseId", "UniversityClasses", "CourseId");
        migrationBuilder.CreateIndex("IX_UniversityClasses_StartsOn", "UniversityClasses", "StartsOn");
        migrationBuilder.CreateIndex("IX_ClassSessions_ClassId_Date", "ClassSessions", ["ClassId", "Date"], unique: true);
        migrationBuilder.CreateIndex("IX_ClassSessions_Date", "ClassSessions", "Date");
        migrationBuilder.CreateIndex("IX_GuestLearners_Name", "GuestLearners", "Name");
        migrationBuilder.CreateIndex("IX_Enrolments_ClassId_RetireeId", "Enrolments", ["ClassId", "RetireeId"], unique: true);
        migrationBuilder.CreateIndex("IX_Enrolments_ClassId_GuestId", "Enrolments", ["ClassId", "GuestId"], unique: true);
        migrationBuilder.CreateIndex("IX_Enrolments_ClassId_Seat", "Enrolments", ["ClassId", "Seat"], unique: true);
        migrationBuilder.CreateIndex("IX_Enrolments_ClassId_Status_AppliedAt", "Enrolments", ["ClassId", "Status", "AppliedAt"]);
        migrationBuilder.CreateIndex("IX_Enrolments_RetireeId", "Enrolments", "RetireeId");
        migrationBuilder.CreateIndex("IX_Enrolments_GuestId", "Enrolments", "GuestId");
        migrationBuilder.CreateIndex("IX_Attendances_SessionId_EnrolmentId", "Attendances", ["SessionId", "EnrolmentId"], unique: true);
        migrationBuilder.CreateIndex("IX_Attendances_EnrolmentId", "Attendances", "EnrolmentId");
        migrationBuilder.CreateIndex("IX_Attendances_RetireeId", "Attendances", "RetireeId");
        migrationBuilder.CreateIndex("IX_Activities_Date", "Activities", "Date");
        migrationBuilder.CreateIndex("IX_Activities_OrganiserUnitId_Date", "Activities", ["OrganiserUnitId", "Date"]);
        migrationBuilder.CreateIndex("IX_ActivityParticipants_ActivityId_RetireeId", "ActivityParticipants", ["ActivityId", "RetireeId"], unique: true);
        migrationBuilder.CreateIndex("IX_ActivityParticipants_RetireeId", "ActivityParticipants", "RetireeId");
        migrationBuilder.CreateIndex("IX_Clubs_Name", "Clubs", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_ClubMembers_ClubId_RetireeId", "ClubMembers", ["ClubId", "RetireeId"], unique: true);
        migrationBuilder.CreateIndex("IX_ClubMembers_RetireeId", "ClubMembers", "RetireeId");
        migrationBuilder.CreateIndex("IX_Contests_EndsOn", "Contests", "EndsOn");
        migrationBuilder.CreateIndex("IX_ContestEntries_ContestId_RetireeId_Title", "ContestEntries", ["ContestId", "RetireeId", "Title"], unique: true);
        migrationBuilder.CreateIndex("IX_ContestEntries_ContestId_ClubId_Title", "ContestEntries", ["ContestId", "ClubId", "Title"], unique: true);
        migrationBuilder.CreateIndex("IX_ContestEntries_RetireeId", "ContestEntries", "RetireeId");
        migrationBuilder.CreateIndex("IX_ContestEntries_ClubId", "ContestEntries", "ClubId");
        migrationBuilder.CreateIndex("IX_ContestEntries_AwardedOn_AwardLevel_AwardRank", "ContestEntries", ["AwardedOn", "AwardLevel", "AwardRank"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ContestEntries");
        migrationBuilder.DropTable("Contests");
        migrationBuilder.DropTable("ClubMembers");
        migrationBuilder.DropTable("Clubs");
        migrationBuilder.DropTable("ActivityParticipants");
        migrationBuilder.DropTable("Activities");
        migrationBuilder.DropTable("Attendances");
        migrationBuilder.DropTable("Enrolments");
        migrationBuilder.DropTable("GuestLearners");
        migrationBuilder.DropTable("ClassSessions");
        migrationBuilder.DropTable("UniversityClasses");
        migrationBuilder.DropTable("Courses");
        migrationBuilder.DropTable("Terms");
        migrationBuilder.DropIndex("IX_Retirees_MarriageDate_NamePinyin", "Retirees");
        migrationBuilder.DropColumn("SpouseIsDeceased", "Retirees");
    }
}
