using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PerfSeriesCheckpoint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Checkpoints",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Through = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checkpoints", x => x.Name);
                });

            migrationBuilder.InsertData(
                table: "Checkpoints",
                columns: new[] { "Name", "Through" },
                values: new object[] { "invoices", null });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_Date",
                table: "Appointments",
                column: "Date");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Checkpoints");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_Date",
                table: "Appointments");
        }
    }
}
