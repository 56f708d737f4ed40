using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrustTwoFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "IdleMinutes",
                table: "Practices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<bool>(
                name: "RequireTwoFactor",
                table: "Practices",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IdleMinutes",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "RequireTwoFactor",
                table: "Practices");
        }
    }
}
