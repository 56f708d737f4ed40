using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReminderEmailBody",
                table: "Practices",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "Hello,\n\nThis is a reminder of your appointment with {practice} on {date} at {time}.\nLocation: {location}\n\nIf you need to change it, please call us at {phone}.\n\n{practice}");

            migrationBuilder.AddColumn<string>(
                name: "ReminderEmailSubject",
                table: "Practices",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "Reminder: your appointment on {date}");

            migrationBuilder.AddColumn<string>(
                name: "ReminderTextBody",
                table: "Practices",
                type: "TEXT",
                maxLength: 480,
                nullable: false,
                defaultValue: "{practice}: reminder of your appointment on {date} at {time}, {location}. To change it call {phone}.");

            migrationBuilder.CreateTable(
                name: "Reminders",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AppointmentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    LeadHours = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reminders_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Reminders_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_AppointmentId",
                table: "Reminders",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_ClientId",
                table: "Reminders",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_Status_NextAttemptAt",
                table: "Reminders",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Reminders");

            migrationBuilder.DropColumn(
                name: "ReminderEmailBody",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "ReminderEmailSubject",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "ReminderTextBody",
                table: "Practices");
        }
    }
}
