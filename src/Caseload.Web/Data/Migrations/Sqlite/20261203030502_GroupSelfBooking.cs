using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GroupSelfBooking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SelfBooked",
                table: "Invitee",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SelfBookingCapacity",
                table: "Groups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SelfBookingEnabled",
                table: "Groups",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "EligibleClients",
                columns: table => new
                {
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MarkedOn = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    MarkedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EligibleClients", x => new { x.GroupId, x.ClientId });
                    table.ForeignKey(
                        name: "FK_EligibleClients_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EligibleClients_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WaitlistEntries",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AppointmentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OfferedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferEmailSentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WaitlistEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WaitlistEntries_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WaitlistEntries_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EligibleClients_ClientId",
                table: "EligibleClients",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_WaitlistEntries_AppointmentId_ClientId",
                table: "WaitlistEntries",
                columns: new[] { "AppointmentId", "ClientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WaitlistEntries_AppointmentId_Position",
                table: "WaitlistEntries",
                columns: new[] { "AppointmentId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_WaitlistEntries_ClientId",
                table: "WaitlistEntries",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_WaitlistEntries_OfferExpiresAt",
                table: "WaitlistEntries",
                column: "OfferExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EligibleClients");

            migrationBuilder.DropTable(
                name: "WaitlistEntries");

            migrationBuilder.DropColumn(
                name: "SelfBooked",
                table: "Invitee");

            migrationBuilder.DropColumn(
                name: "SelfBookingCapacity",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "SelfBookingEnabled",
                table: "Groups");
        }
    }
}
