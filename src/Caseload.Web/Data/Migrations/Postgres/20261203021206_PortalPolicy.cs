using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PortalPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The practice row that exists gets the policy's defaults (PortalPolicy.Default): portal off, 24 and 2 hours.
            migrationBuilder.AddColumn<bool>(
                name: "PortalEnabled",
                table: "Practices",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PortalLateCancelHours",
                table: "Practices",
                type: "integer",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.AddColumn<int>(
                name: "PortalOfferCutoffHours",
                table: "Practices",
                type: "integer",
                nullable: false,
                defaultValue: 2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PortalEnabled",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "PortalLateCancelHours",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "PortalOfferCutoffHours",
                table: "Practices");
        }
    }
}
