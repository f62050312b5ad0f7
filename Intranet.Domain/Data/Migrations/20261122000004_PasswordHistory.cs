using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Intranet.Domain.Data.Migrations;

[DbContext(typeof(IntranetDbContext))]
[Migration("20261122000004_PasswordHistory")]
public sealed class PasswordHistory : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("PreviousPasswordHashes", "Users", maxLength: 1000, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("PreviousPasswordHashes", "Users");
}
