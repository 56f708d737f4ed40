using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Attendance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MissedAt",
                table: "Invitee",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MissedBy",
                table: "Invitee",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MissedCharge",
                table: "Invitee",
                type: "TEXT",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MissedReason",
                table: "Invitee",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AppointmentEvents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AppointmentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppointmentEvents_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentEvents_AppointmentId_At",
                table: "AppointmentEvents",
                columns: new[] { "AppointmentId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppointmentEvents");

            migrationBuilder.DropColumn(
                name: "MissedAt",
                table: "Invitee");

            migrationBuilder.DropColumn(
                name: "MissedBy",
                table: "Invitee");

            migrationBuilder.DropColumn(
                name: "MissedCharge",
                table: "Invitee");

            migrationBuilder.DropColumn(
                name: "MissedReason",
                table: "Invitee");
        }
    }
}
