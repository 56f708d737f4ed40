using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Caseload.Web.Data.Migrations.Postgres
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "Hello,\n\nThis is a reminder of your appointment with {practice} on {date} at {time}.\nLocation: {location}\n\nIf you need to change it, please call us at {phone}.\n\n{practice}");

            migrationBuilder.AddColumn<string>(
                name: "ReminderEmailSubject",
                table: "Practices",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "Reminder: your appointment on {date}");

            migrationBuilder.AddColumn<string>(
                name: "ReminderTextBody",
                table: "Practices",
                type: "character varying(480)",
                maxLength: 480,
                nullable: false,
                defaultValue: "{practice}: reminder of your appointment on {date} at {time}, {location}. To change it call {phone}.");

            migrationBuilder.CreateTable(
                name: "Reminders",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AppointmentId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    LeadHours = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    ClaimedUntil = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
